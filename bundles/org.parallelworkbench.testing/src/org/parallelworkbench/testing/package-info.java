/**
 * Fixtures shared by the test fragments, which cannot see each other's classes: bounded waits that wake on
 * the changes the platform makes observable ({@link org.parallelworkbench.testing.Waits},
 * {@link org.parallelworkbench.testing.Changes}) and a capture of logged warnings
 * ({@link org.parallelworkbench.testing.LoggedWarnings}), and test doubles of platform services
({@link org.parallelworkbench.testing.FakeWorkerBundles}).
 * <p>
 * Test support only: no feature, product or repository ships this bundle.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.parallelworkbench.testing;
