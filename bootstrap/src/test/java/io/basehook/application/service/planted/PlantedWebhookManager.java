package io.basehook.application.service.planted;

/** A planted violation of ROLE_NAMES (test sources only): a class named "Manager" instead of for what it does. */
public class PlantedWebhookManager {

    public String renameWebhook(String name) {
        return name;
    }
}
