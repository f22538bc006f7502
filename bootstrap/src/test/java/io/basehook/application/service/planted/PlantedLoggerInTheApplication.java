package io.basehook.application.service.planted;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A planted violation of APPLICATION_KNOWS_NO_FRAMEWORK (test sources only): a use case logging through SLF4J. */
public class PlantedLoggerInTheApplication {

    private static final Logger LOG = LoggerFactory.getLogger(PlantedLoggerInTheApplication.class);

    public void renameTable(String name) {
        LOG.info("renaming to {}", name);
    }
}
