namespace Mercato.Storage.Sqlite;

/// <summary>
/// The embedded store's schema as ordered migrations. Each runs once, in its own transaction, and bumps
/// <c>PRAGMA user_version</c>. Amounts are whole ten-thousandths (<see cref="StoredMoney"/>), instants are Unix milliseconds (UTC),
/// days are <c>YYYY-MM-DD</c> text and months <c>YYYY-MM</c> text, so the store can GROUP BY them directly. Fact tables
/// append rows in arrival order (the rowid <c>id</c>) and find duplicates through a unique index on the idempotency
/// <c>key</c>: the random 64-bit key as the table's own primary key scattered every insert across the table (measured
/// 1.7 times slower on a million touchpoints).
/// </summary>
internal static class Schema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE workspace (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE channels (
            id         INTEGER PRIMARY KEY,
            name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
            grp        TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE import_batches (
            id             INTEGER PRIMARY KEY,
            kind           TEXT NOT NULL,
            source         TEXT NOT NULL,
            format         TEXT NOT NULL,
            started_at     TEXT NOT NULL,
            finished_at    TEXT,
            status         TEXT NOT NULL,
            is_demo        INTEGER NOT NULL DEFAULT 0,
            pid            INTEGER,
            rows_read      INTEGER NOT NULL DEFAULT 0,
            rows_added     INTEGER NOT NULL DEFAULT 0,
            rows_updated   INTEGER NOT NULL DEFAULT 0,
            rows_unchanged INTEGER NOT NULL DEFAULT 0,
            rows_rejected  INTEGER NOT NULL DEFAULT 0,
            first_ts       INTEGER,
            last_ts        INTEGER,
            message        TEXT,
            warnings       TEXT,
            errors         TEXT
        );
        CREATE INDEX import_batches_kind ON import_batches (kind, status);
        CREATE TABLE spend (
            id          INTEGER PRIMARY KEY,
            key         INTEGER NOT NULL,
            day         TEXT NOT NULL,
            channel_id  INTEGER NOT NULL REFERENCES channels (id),
            campaign    TEXT,
            spend       INTEGER NOT NULL,
            impressions INTEGER,
            clicks      INTEGER,
            batch_id    INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX spend_key ON spend (key);
        CREATE TABLE touchpoints (
            id          INTEGER PRIMARY KEY,
            key           INTEGER NOT NULL,
            touchpoint_id TEXT,
            user_id       TEXT NOT NULL,
            ts            INTEGER NOT NULL,
            channel_id    INTEGER NOT NULL REFERENCES channels (id),
            campaign      TEXT,
            type          TEXT NOT NULL,
            referral_code TEXT,
            batch_id      INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX touchpoints_key ON touchpoints (key);
        CREATE TABLE conversions (
            id          INTEGER PRIMARY KEY,
            key           INTEGER NOT NULL,
            conversion_id TEXT NOT NULL,
            user_id       TEXT NOT NULL,
            ts            INTEGER NOT NULL,
            revenue       INTEGER NOT NULL,
            cost          INTEGER,
            batch_id      INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX conversions_key ON conversions (key);
        CREATE TABLE costs (
            id          INTEGER PRIMARY KEY,
            key        INTEGER NOT NULL,
            month      TEXT NOT NULL,
            channel_id INTEGER REFERENCES channels (id),
            category   TEXT NOT NULL,
            amount     INTEGER NOT NULL,
            kind       TEXT NOT NULL,
            batch_id   INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX costs_key ON costs (key);
        CREATE TABLE activity (
            id          INTEGER PRIMARY KEY,
            key             INTEGER NOT NULL,
            user_id         TEXT NOT NULL,
            ts              INTEGER NOT NULL,
            event           TEXT NOT NULL,
            session_seconds INTEGER,
            content_id      TEXT,
            batch_id        INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX activity_key ON activity (key);
        CREATE TABLE demo_ground_truth (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            seed       INTEGER NOT NULL,
            scale      TEXT NOT NULL,
            created_at TEXT NOT NULL,
            truth      TEXT NOT NULL
        );
        """,
        // 2: journeys are assembled in one ordered pass over covering indexes (Measurement/JourneyScan.cs).
        // Frozen text: later secondary indexes come in their own migrations (FactTables.SecondaryIndexes repeats these).
        """
        CREATE INDEX IF NOT EXISTS touchpoints_journey ON touchpoints (user_id, ts, channel_id, campaign);
        CREATE INDEX IF NOT EXISTS conversions_journey ON conversions (user_id, ts, revenue, cost);
        """,
        // 3: the organization: the workspace's one structure as a JSON document (docs/organization.md), and KPI targets.
        """
        CREATE TABLE org_structure (
            id       INTEGER PRIMARY KEY CHECK (id = 1),
            name     TEXT NOT NULL,
            document TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        CREATE TABLE kpi_targets (
            kpi_id     TEXT NOT NULL,
            unit_id    TEXT NOT NULL,
            period     TEXT NOT NULL,
            value      REAL NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (kpi_id, unit_id, period)
        );
        CREATE INDEX kpi_targets_unit ON kpi_targets (unit_id, period);
        """,
        // 4: the operations kinds: social accounts, app stores and e-commerce stores (docs/data-contracts.md).
        """
        CREATE TABLE social (
            id           INTEGER PRIMARY KEY,
            key          INTEGER NOT NULL,
            day          TEXT NOT NULL,
            platform     TEXT NOT NULL,
            account      TEXT NOT NULL,
            followers    INTEGER,
            reads        INTEGER,
            interactions INTEGER,
            posts        INTEGER,
            batch_id     INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX social_key ON social (key);
        CREATE TABLE appstore (
            id                 INTEGER PRIMARY KEY,
            key                INTEGER NOT NULL,
            day                TEXT NOT NULL,
            store              TEXT NOT NULL,
            impressions        INTEGER,
            product_page_views INTEGER,
            installs           INTEGER NOT NULL,
            batch_id           INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX appstore_key ON appstore (key);
        CREATE TABLE store (
            id       INTEGER PRIMARY KEY,
            key      INTEGER NOT NULL,
            day      TEXT NOT NULL,
            store    TEXT NOT NULL,
            visitors INTEGER,
            orders   INTEGER NOT NULL,
            gmv      INTEGER NOT NULL,
            refunds  INTEGER,
            batch_id INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX store_key ON store (key);
        """,
        // 5: campaigns, people and squads as JSON documents (docs/campaigns.md).
        """
        CREATE TABLE people (
            id       TEXT PRIMARY KEY,
            document TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        CREATE TABLE squads (
            id       TEXT PRIMARY KEY,
            document TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        CREATE TABLE campaigns (
            id       TEXT PRIMARY KEY,
            document TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        """,
        // 6: live-stream sessions, the livestreams kind (docs/data-contracts.md).
        """
        CREATE TABLE livestreams (
            id            INTEGER PRIMARY KEY,
            key           INTEGER NOT NULL,
            session_id    TEXT NOT NULL,
            campaign      TEXT,
            host          TEXT NOT NULL,
            host_kind     TEXT NOT NULL,
            ts            INTEGER NOT NULL,
            end_ts        INTEGER NOT NULL,
            viewers       INTEGER NOT NULL,
            peak_viewers  INTEGER NOT NULL,
            new_followers INTEGER NOT NULL,
            orders        INTEGER NOT NULL,
            gmv           INTEGER NOT NULL,
            batch_id      INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX livestreams_key ON livestreams (key);
        CREATE INDEX IF NOT EXISTS livestreams_ts ON livestreams (ts);
        """,
        // 7: referral journeys (Campaigns/ReferralQueries.cs) read each touch's referral code from the journey index, so
        // the index gains referral_code as a trailing column: NULL on most touches, it costs one header byte per entry,
        // and the channel and campaign scans read the same index as before (measured in docs/campaigns.md). A second
        // index for referral journeys would double the index work of every import.
        """
        DROP INDEX IF EXISTS touchpoints_journey;
        CREATE INDEX touchpoints_journey ON touchpoints (user_id, ts, channel_id, campaign, referral_code);
        """,
        // 8: a cost may belong to one campaign (its code), so a campaign's cost budget lines have actuals from the data.
        """
        ALTER TABLE costs ADD COLUMN campaign TEXT;
        """,
        // 9: the workspace's documents in one versioned table (docs/architecture.md, "Documents"): people, squads,
        // campaigns, the organization structure, KPI targets and the workspace settings, each with a version that a
        // concurrent edit is checked against. The rows of the old tables move over at version 1.
        """
        CREATE TABLE documents (
            collection TEXT NOT NULL,
            id         TEXT NOT NULL,
            version    INTEGER NOT NULL,
            document   TEXT NOT NULL,
            saved_at   TEXT NOT NULL,
            saved_by   TEXT NOT NULL,
            PRIMARY KEY (collection, id)
        );
        INSERT INTO documents SELECT 'people', id, 1, document, saved_at, '(before versions)' FROM people;
        INSERT INTO documents SELECT 'squads', id, 1, document, saved_at, '(before versions)' FROM squads;
        INSERT INTO documents SELECT 'campaigns', id, 1, document, saved_at, '(before versions)' FROM campaigns;
        INSERT INTO documents SELECT 'org_structure', 'current', 1, document, saved_at, '(before versions)' FROM org_structure;
        INSERT INTO documents
            SELECT 'kpi_targets', kpi_id || '|' || unit_id || '|' || period, 1,
                   json_object('kpi', kpi_id, 'unit', unit_id, 'period', period, 'value', value), updated_at, '(before versions)'
            FROM kpi_targets;
        INSERT INTO documents
            SELECT 'settings', 'workspace', 1, json_object('timeZone', value), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '(before versions)'
            FROM workspace WHERE key = 'time_zone';
        DROP TABLE people;
        DROP TABLE squads;
        DROP TABLE campaigns;
        DROP TABLE org_structure;
        DROP TABLE kpi_targets;
        DROP TABLE workspace;
        """,
        // 10: public mentions, the mentions kind (docs/listening.md), read by time for the listening reports.
        """
        CREATE TABLE mentions (
            id               INTEGER PRIMARY KEY,
            key              INTEGER NOT NULL,
            mention_id       TEXT NOT NULL,
            ts               INTEGER NOT NULL,
            source           TEXT NOT NULL,
            author           TEXT,
            author_followers INTEGER,
            text             TEXT NOT NULL,
            url              TEXT,
            language         TEXT NOT NULL,
            language_given   TEXT,
            reach            INTEGER,
            likes            INTEGER,
            comments         INTEGER,
            shares           INTEGER,
            score            INTEGER NOT NULL,
            label            TEXT NOT NULL,
            terms            TEXT NOT NULL,
            batch_id         INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX mentions_key ON mentions (key);
        CREATE INDEX IF NOT EXISTS mentions_ts ON mentions (ts);
        """,
        // 11: click-level logs, the clicks kind (docs/data-contracts.md, docs/ads.md), read in time order for the whole
        // log or for one channel.
        """
        CREATE TABLE clicks (
            id         INTEGER PRIMARY KEY,
            key        INTEGER NOT NULL,
            click_id   TEXT NOT NULL,
            ts         INTEGER NOT NULL,
            channel_id INTEGER NOT NULL REFERENCES channels (id),
            campaign   TEXT,
            user_id    TEXT,
            device_id  TEXT,
            ip         TEXT,
            user_agent TEXT,
            placement  TEXT,
            install_ts INTEGER,
            batch_id   INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX clicks_key ON clicks (key);
        CREATE INDEX IF NOT EXISTS clicks_ts ON clicks (ts, click_id);
        CREATE INDEX IF NOT EXISTS clicks_channel_ts ON clicks (channel_id, ts, click_id);
        """,
        // 12: the delivery a platform reports with its spend (issue 14): conversions and installs, null for earlier rows,
        // so files imported before re-import as already present.
        """
        ALTER TABLE spend ADD COLUMN conversions INTEGER;
        ALTER TABLE spend ADD COLUMN installs INTEGER;
        """,
        // 13: spend by the hour (issue 14): the local hour (0-23) of a row given by timestamp, null for a daily row, so
        // rows imported before are daily rows with their keys unchanged.
        """
        ALTER TABLE spend ADD COLUMN hour INTEGER;
        """,
        // 14: influencer audits (docs/data-contracts.md, docs/influencers.md): an influencer's days, posts and follower
        // samples. Influencer ids are stored lower-cased, so one influencer's rows are found by equality on the indexes;
        // averages are whole ten-thousandths; the flags 1 and 0.
        """
        CREATE TABLE influencer_snapshots (
            id           INTEGER PRIMARY KEY,
            key          INTEGER NOT NULL,
            day          TEXT NOT NULL,
            influencer   TEXT NOT NULL,
            followers    INTEGER NOT NULL,
            following    INTEGER NOT NULL,
            posts        INTEGER NOT NULL,
            avg_views    INTEGER,
            avg_likes    INTEGER,
            avg_comments INTEGER,
            avg_shares   INTEGER,
            batch_id     INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX influencer_snapshots_key ON influencer_snapshots (key);
        CREATE INDEX IF NOT EXISTS influencer_snapshots_day ON influencer_snapshots (influencer, day);
        CREATE TABLE influencer_posts (
            id         INTEGER PRIMARY KEY,
            key        INTEGER NOT NULL,
            post_id    TEXT NOT NULL,
            influencer TEXT NOT NULL,
            ts         INTEGER NOT NULL,
            campaign   TEXT,
            views      INTEGER,
            likes      INTEGER NOT NULL,
            comments   INTEGER NOT NULL,
            shares     INTEGER NOT NULL,
            saves      INTEGER,
            batch_id   INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX influencer_posts_key ON influencer_posts (key);
        CREATE INDEX IF NOT EXISTS influencer_posts_ts ON influencer_posts (influencer, ts);
        CREATE TABLE influencer_followers (
            id                  INTEGER PRIMARY KEY,
            key                 INTEGER NOT NULL,
            influencer          TEXT NOT NULL,
            day                 TEXT NOT NULL,
            follower_id         TEXT NOT NULL,
            followers           INTEGER NOT NULL,
            following           INTEGER NOT NULL,
            posts               INTEGER NOT NULL,
            has_profile_picture INTEGER NOT NULL,
            is_private          INTEGER NOT NULL,
            username            TEXT,
            bio_length          INTEGER,
            account_age_days    INTEGER,
            batch_id            INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX influencer_followers_key ON influencer_followers (key);
        CREATE INDEX IF NOT EXISTS influencer_followers_sample ON influencer_followers (influencer, day);
        """,
        // 15: the audit log (issue 15, docs/access.md): every write, who, when, through which door and from where, with a
        // document's JSON before and after. Append-only: triggers refuse every UPDATE and DELETE, so no path of the program
        // (the demo's removal included) can rewrite the history; read newest first by id, filtered by time and actor.
        """
        CREATE TABLE audit_log (
            id         INTEGER PRIMARY KEY,
            at         TEXT NOT NULL,
            actor      TEXT NOT NULL,
            door       TEXT NOT NULL,
            address    TEXT,
            action     TEXT NOT NULL,
            collection TEXT,
            target     TEXT,
            before     TEXT,
            after      TEXT
        );
        CREATE INDEX audit_log_at ON audit_log (at);
        CREATE INDEX audit_log_actor ON audit_log (actor, id);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never changed');
        END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never removed');
        END;
        """,
    ];

    /// <summary>
    /// Indexes besides the key index, per fact table, as (name, CREATE INDEX statement): the definitions of the latest
    /// migrations. A large import drops them and builds them once at its end (<see cref="FactWriter"/>): one sort is far
    /// cheaper than millions of random index inserts. Journeys read touches and conversions in (user, time) order from the
    /// covering journey indexes; live-stream sessions are read by start.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(string Name, string Create)>> SecondaryIndexes { get; } =
        new Dictionary<string, IReadOnlyList<(string Name, string Create)>>(StringComparer.Ordinal)
        {
            ["touchpoints"] = [("touchpoints_journey", "CREATE INDEX IF NOT EXISTS touchpoints_journey ON touchpoints (user_id, ts, channel_id, campaign, referral_code)")],
            ["conversions"] = [("conversions_journey", "CREATE INDEX IF NOT EXISTS conversions_journey ON conversions (user_id, ts, revenue, cost)")],
            ["livestreams"] = [("livestreams_ts", "CREATE INDEX IF NOT EXISTS livestreams_ts ON livestreams (ts)")],
            ["mentions"] = [("mentions_ts", "CREATE INDEX IF NOT EXISTS mentions_ts ON mentions (ts)")],
            ["clicks"] =
            [
                ("clicks_ts", "CREATE INDEX IF NOT EXISTS clicks_ts ON clicks (ts, click_id)"),
                ("clicks_channel_ts", "CREATE INDEX IF NOT EXISTS clicks_channel_ts ON clicks (channel_id, ts, click_id)"),
            ],
            ["influencer_snapshots"] = [("influencer_snapshots_day", "CREATE INDEX IF NOT EXISTS influencer_snapshots_day ON influencer_snapshots (influencer, day)")],
            ["influencer_posts"] = [("influencer_posts_ts", "CREATE INDEX IF NOT EXISTS influencer_posts_ts ON influencer_posts (influencer, ts)")],
            ["influencer_followers"] = [("influencer_followers_sample", "CREATE INDEX IF NOT EXISTS influencer_followers_sample ON influencer_followers (influencer, day)")],
        };

    /// <summary>The secondary indexes of <paramref name="table"/> (none for most tables).</summary>
    public static IReadOnlyList<(string Name, string Create)> IndexesOf(string table) =>
        SecondaryIndexes.TryGetValue(table, out var indexes) ? indexes : [];
}
