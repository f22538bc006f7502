package io.basehook.application.service.planted;

/** A planted violation of SERVICES_IMPLEMENT_USE_CASES (test sources only): a service behind no use case. */
public class PlantedStandaloneService {

    public String renameTable(String name) {
        return name;
    }
}
