/**
 * The smoke check of the assembled product ({@code --smoke}).
 */
package org.parallelworkbench.cli.internal.smoke;
