-- Basehook schema. Portable across MySQL 8.0+ and MariaDB 10.6+: InnoDB, utf8mb4_bin (case-sensitive
-- uniqueness), instants as BIGINT epoch milliseconds, JSON kept as text (no JSON type, no JSON functions).
-- Everything of a base hangs off bh_base with ON DELETE CASCADE, so deleting the base row deletes it all.

CREATE TABLE bh_base (
    id         CHAR(32)     NOT NULL,
    name       VARCHAR(255) NOT NULL,
    created_at BIGINT       NOT NULL,
    last_seq   BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE bh_api_token (
    id         CHAR(20)     NOT NULL,
    base_id    CHAR(32)     NOT NULL,
    name       VARCHAR(255) NOT NULL,
    permission VARCHAR(16)  NOT NULL,
    token_hash CHAR(64)     NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_bh_api_token_hash (token_hash),
    KEY ix_bh_api_token_base (base_id, created_at),
    CONSTRAINT fk_bh_api_token_base FOREIGN KEY (base_id) REFERENCES bh_base (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- pk only keeps creation order; tables are addressed by (base_id, id).
CREATE TABLE bh_table (
    pk         BIGINT       NOT NULL AUTO_INCREMENT,
    base_id    CHAR(32)     NOT NULL,
    id         CHAR(4)      NOT NULL,
    name       VARCHAR(255) NOT NULL,
    columns    MEDIUMTEXT   NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (pk),
    UNIQUE KEY uq_bh_table_id (base_id, id),
    UNIQUE KEY uq_bh_table_name (base_id, name),
    CONSTRAINT fk_bh_table_base FOREIGN KEY (base_id) REFERENCES bh_base (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- pk is insertion order (pages follow it); cells is a JSON object keyed by column key.
CREATE TABLE bh_row (
    pk         BIGINT     NOT NULL AUTO_INCREMENT,
    base_id    CHAR(32)   NOT NULL,
    table_id   CHAR(4)    NOT NULL,
    id         CHAR(22)   NOT NULL,
    cells      MEDIUMTEXT NOT NULL,
    created_at BIGINT     NOT NULL,
    updated_at BIGINT     NOT NULL,
    PRIMARY KEY (pk),
    UNIQUE KEY uq_bh_row_id (base_id, table_id, id),
    KEY ix_bh_row_page (base_id, table_id, pk),
    CONSTRAINT fk_bh_row_table FOREIGN KEY (base_id, table_id) REFERENCES bh_table (base_id, id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The transactional outbox and change feed: seq is gapless per base, payload the exact webhook body.
CREATE TABLE bh_event (
    base_id     CHAR(32)    NOT NULL,
    seq         BIGINT      NOT NULL,
    event_id    VARCHAR(40) NOT NULL,
    op_type     VARCHAR(16) NOT NULL,
    occurred_at BIGINT      NOT NULL,
    payload     MEDIUMTEXT  NOT NULL,
    PRIMARY KEY (base_id, seq),
    UNIQUE KEY uq_bh_event_id (event_id),
    CONSTRAINT fk_bh_event_base FOREIGN KEY (base_id) REFERENCES bh_base (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
