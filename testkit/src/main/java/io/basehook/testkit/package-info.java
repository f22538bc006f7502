/**
 * What an adapter of Basehook must do, as tests. {@code contract} holds a JUnit contract per out-port, an interface
 * of tests: your adapter's test class implements it and supplies the adapter. {@code memory} holds in-memory
 * adapters that pass every one of them, so the use cases and the delivery engine run without a database.
 */
package io.basehook.testkit;
