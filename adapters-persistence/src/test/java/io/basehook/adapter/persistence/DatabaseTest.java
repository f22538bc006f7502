package io.basehook.adapter.persistence;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * A test against the real database. Each test makes its own base, so tests share one schema without
 * cleaning up. Subclasses are {@code @MicronautTest(transactional = false)}: the code under test owns its
 * transactions, as in production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseTest implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }
}
