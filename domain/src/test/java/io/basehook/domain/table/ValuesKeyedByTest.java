package io.basehook.domain.table;

import io.basehook.domain.cell.CellValue;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.basehook.domain.table.SampleTables.AMOUNT;
import static io.basehook.domain.table.SampleTables.NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValuesKeyedByTest {

    @Test
    void nameAndKeyAreTheOnlyWaysToKeyValues() {
        assertEquals(ValuesKeyedBy.NAME, ValuesKeyedBy.parse("name", "keys"));
        assertEquals(ValuesKeyedBy.KEY, ValuesKeyedBy.parse("key", "keys"));
        for (String other : new String[] {"Key", "id", "", null}) {
            BasehookException e = assertThrows(BasehookException.class, () -> ValuesKeyedBy.parse(other, "keys"));
            assertEquals("invalid_keys", e.code());
            assertEquals("keys", e.errors().get(0).field());
        }
    }

    @Test
    void aTableReadsValuesByKeyAndThenKnowsNoColumnByName() {
        Map<String, Object> values = new HashMap<>();
        values.put("Nam1", "ACME");
        values.put("amnt", null);
        values.put("Name", "by name");
        List<FieldError> errors = new ArrayList<>();

        CellPatch patch = SampleTables.opportunities().parseValues(values, ValuesKeyedBy.KEY, "rows[0]", errors);

        assertEquals(Map.of(NAME.key(), new CellValue.Text("ACME")), patch.set());
        assertEquals(Set.of(AMOUNT.key()), patch.cleared());
        assertEquals(List.of("rows[0].Name"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    void aColumnIsNamedByItsNameOrItsKey() {
        assertEquals("Name", ValuesKeyedBy.NAME.of(NAME));
        assertEquals("Nam1", ValuesKeyedBy.KEY.of(NAME));
    }
}
