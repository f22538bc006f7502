/**
 * What an adapter of Basehook must do, as tests: {@code contract} holds one abstract JUnit test per out-port (extend it
 * in your adapter's tests and supply the adapter), {@code memory} holds in-memory adapters that pass every one of
 * them, so the use cases and the delivery engine run without a database.
 */
package io.basehook.testkit;
