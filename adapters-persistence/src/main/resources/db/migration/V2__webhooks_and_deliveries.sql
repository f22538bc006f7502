-- Webhooks and their deliveries. Same rules as V1: InnoDB, utf8mb4_bin, instants as BIGINT epoch milliseconds,
-- JSON as text, and everything cascades from bh_base.

-- pk only keeps creation order (listing, and the order deliveries of one event are queued in).
CREATE TABLE bh_webhook (
    id                         CHAR(19)      NOT NULL,
    pk                         BIGINT        NOT NULL AUTO_INCREMENT,
    base_id                    CHAR(32)      NOT NULL,
    url                        VARCHAR(2048) NOT NULL,
    description                VARCHAR(1000) NOT NULL,
    enabled                    BOOLEAN       NOT NULL,
    auto_disabled              BOOLEAN       NOT NULL,
    secret                     VARCHAR(256)  NOT NULL,
    previous_secret            VARCHAR(256)  NULL,
    previous_secret_expires_at BIGINT        NULL,
    failing_since              BIGINT        NULL,
    created_at                 BIGINT        NOT NULL,
    updated_at                 BIGINT        NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_bh_webhook_pk (pk),
    KEY ix_bh_webhook_base (base_id, pk),
    CONSTRAINT fk_bh_webhook_base FOREIGN KEY (base_id) REFERENCES bh_base (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per (event, webhook). next_attempt_at is NULL once the delivery is closed (succeeded or failed),
-- so the due index holds open deliveries only and is walked in claim order: no filesort, and a claim
-- locks just the rows it reads. created_at rides along so the backlog is counted from the index alone.
-- The event FK keeps the payload there for as long as a delivery needs it.
CREATE TABLE bh_delivery (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    webhook_id      CHAR(19)    NOT NULL,
    base_id         CHAR(32)    NOT NULL,
    seq             BIGINT      NOT NULL,
    event_id        VARCHAR(40) NOT NULL,
    status          VARCHAR(10) NOT NULL,
    attempts        INT         NOT NULL,
    created_at      BIGINT      NOT NULL,
    next_attempt_at BIGINT      NULL,
    PRIMARY KEY (id),
    KEY ix_bh_delivery_due (next_attempt_at, id, created_at),
    KEY ix_bh_delivery_webhook (webhook_id, id),
    KEY ix_bh_delivery_event (base_id, seq),
    CONSTRAINT fk_bh_delivery_webhook FOREIGN KEY (webhook_id) REFERENCES bh_webhook (id) ON DELETE CASCADE,
    CONSTRAINT fk_bh_delivery_event FOREIGN KEY (base_id, seq) REFERENCES bh_event (base_id, seq) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The delivery log: attempt_no counts from 1. Headers are JSON objects; the body is its first 4 KiB.
CREATE TABLE bh_delivery_attempt (
    delivery_id      BIGINT        NOT NULL,
    attempt_no       INT           NOT NULL,
    attempted_at     BIGINT        NOT NULL,
    duration_ms      BIGINT        NOT NULL,
    request_headers  MEDIUMTEXT    NOT NULL,
    response_status  INT           NULL,
    response_headers MEDIUMTEXT    NULL,
    response_body    TEXT          NULL,
    error            VARCHAR(32)   NULL,
    error_detail     VARCHAR(1000) NULL,
    retry_after_ms   BIGINT        NULL,
    PRIMARY KEY (delivery_id, attempt_no),
    CONSTRAINT fk_bh_delivery_attempt_delivery FOREIGN KEY (delivery_id) REFERENCES bh_delivery (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
