package io.basehook.application.port.in.planted;

/** A planted violation of USE_CASES_ARE_PORTS (test sources only): a use case that is a class, not an interface. */
public class PlantedConcreteUseCase {

    public String renameTable(String name) {
        return name;
    }
}
