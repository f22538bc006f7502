package io.basehook.adapter.persistence;

import io.basehook.domain.access.Permission;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.token.ApiTokenId;
import io.basehook.domain.token.TokenHash;

import java.time.Instant;

/** Translates between the stored entity records and domain objects; instants are epoch milliseconds. */
final class EntityMapper {

    private EntityMapper() {
    }

    static BaseEntity toEntity(Base base) {
        return new BaseEntity(base.id().value(), base.name(), base.createdAt().toEpochMilli(), 0, 0, 0);
    }

    static Base toDomain(BaseEntity entity) {
        return Base.restore(new BaseId(entity.id()), entity.name(), Instant.ofEpochMilli(entity.createdAt()));
    }

    static ApiTokenEntity toEntity(ApiToken token) {
        return new ApiTokenEntity(token.id().value(), token.baseId().value(), token.name(),
                token.permission().wireName(), token.hash().value(), token.createdAt().toEpochMilli());
    }

    static ApiToken toDomain(ApiTokenEntity entity) {
        return ApiToken.restore(new ApiTokenId(entity.id()), new BaseId(entity.baseId()), entity.name(),
                Permission.fromWireName(entity.permission(), "permission"), new TokenHash(entity.tokenHash()),
                Instant.ofEpochMilli(entity.createdAt()));
    }

    static TableEntity toEntity(Table table) {
        return new TableEntity(null, table.baseId().value(), table.id().value(), table.name(),
                ColumnsJson.write(table.columns()), table.createdAt().toEpochMilli());
    }

    static Table toDomain(TableEntity entity) {
        return Table.restore(new TableId(entity.tableId()), new BaseId(entity.baseId()), entity.name(),
                ColumnsJson.read(entity.columns()), Instant.ofEpochMilli(entity.createdAt()));
    }
}
