package io.basehook.application.port.in;

/** Renames a base; answers it with its tables, as {@link GetBaseUseCase} does. Structure: no event. */
public interface RenameBaseUseCase {

    BaseWithTables renameBase(RenameBaseCommand command);
}
