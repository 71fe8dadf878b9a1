/**
 * ViewModels of the workbench window: all of its state as JFace observables and all of its behaviour
 * as commands. Nothing here imports SWT, so every ViewModel is tested with a test Realm, without a
 * display. Observables change only inside their Realm; engine events reach them through
 * {@code Realm#asyncExec}, coalesced.
 */
package org.parallelworkbench.viewmodel;
