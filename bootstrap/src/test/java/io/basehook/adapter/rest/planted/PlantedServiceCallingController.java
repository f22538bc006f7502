package io.basehook.adapter.rest.planted;

import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.service.InsertRowsService;

/** A planted violation of ADAPTERS_SEE_PORTS_NOT_SERVICES (test sources only): a controller calling a service class. */
public class PlantedServiceCallingController {

    private final InsertRowsService service;

    public PlantedServiceCallingController(InsertRowsService service) {
        this.service = service;
    }

    public TableRows insert(InsertRowsCommand command) {
        return service.insertRows(command);
    }
}
