package io.basehook.application.service.planted;

import io.basehook.application.delivery.ChangeRecorder;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.lookup.Lookup;
import io.basehook.application.write.GroupCommit;

import java.time.Clock;

/** A planted violation of GROUP_COMMIT_IS_A_STRATEGY (test sources only): a use case choosing group commit itself. */
public class PlantedUseCaseBuildingAGroupCommit {

    private final GroupCommit writes;

    public PlantedUseCaseBuildingAGroupCommit(TransactionRunner transactions, Lookup lookup, RowRepository rows,
                                              ChangeRecorder changes, Clock clock) {
        this.writes = new GroupCommit(transactions, lookup, rows, changes, clock, GroupCommit.SHARED_MAX_ROWS);
    }
}
