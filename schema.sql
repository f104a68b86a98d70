-- Duet database schema: SQLite, and PostgreSQL through a small dialect step.
--
-- This file is the single source of truth for the schema. It is an ordered list of
-- migrations: a fresh database runs them all, an existing one runs those newer than its
-- version (SQLite: `PRAGMA user_version`; PostgreSQL: the `duet_schema_version` table).
-- Never edit a migration that has shipped; append a new one. Each migration runs in one
-- transaction (db/migrations.py, db/postgres.py), so a database is always at exactly one
-- version. Times are UTC text 'YYYY-MM-DD HH:MM:SS'; booleans are 0/1.
--
-- Dialects: the statements are written in SQLite's spelling, and db/dialect.py rewrites
-- them for PostgreSQL mechanically (INTEGER -> BIGINT, DATETIME -> TEXT, REAL -> DOUBLE
-- PRECISION, min/max(a, b) -> LEAST/GREATEST, GLOB -> regex; the list and the reasons are
-- at the top of that module). What has no mechanical translation, the triggers, is written
-- twice, between `-- begin sqlite` / `-- end sqlite` and `-- begin postgres` /
-- `-- end postgres` markers, next to each other: change one, change the other. The markers
-- are comments, so SQLite runs exactly what it always ran. tests/db/test_dialect.py
-- migrates both and compares their tables, columns, indexes, constraints and triggers.

-- migration 1: the nine tables of the specification (shared/spec/schema.md)

-- begin postgres
-- SQLite's json_valid() for the CHECKs below (PostgreSQL 15 has no IS JSON).
CREATE FUNCTION json_valid(document TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    PERFORM document::json;
    RETURN TRUE;
EXCEPTION WHEN invalid_text_representation THEN
    RETURN FALSE;
END;
$$;
-- The per-user lock (held until the transaction ends) that every transaction checking a
-- rule about one user takes before its first write: the partnership triggers below, and
-- the services through UnitOfWork.lock_users. Several users are locked in ascending id
-- order, so lockers never deadlock. (Ids beyond 2^31 share a lock with a smaller id: that
-- only serializes two users more than needed.)
CREATE FUNCTION duet_lock_user(user_id BIGINT) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(1146438997, (user_id % 2147483648)::integer);
END;
$$;
-- end postgres

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    telegram_id   TEXT    NOT NULL UNIQUE,          -- UNIQUE also indexes the lookup by telegram_id
    display_name  TEXT    NOT NULL CHECK (length(display_name) BETWEEN 1 AND 64),
    avatar_id     INTEGER NOT NULL DEFAULT 0 CHECK (avatar_id >= 0),
    online_status INTEGER NOT NULL DEFAULT 0 CHECK (online_status IN (0, 1)),
    created_at    DATETIME NOT NULL
);

CREATE TABLE partnerships (
    id           INTEGER PRIMARY KEY,
    user1_id     INTEGER NOT NULL REFERENCES users (id),
    user2_id     INTEGER NOT NULL REFERENCES users (id),
    connected_at DATETIME NOT NULL,
    is_active    INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    CHECK (user1_id <> user2_id)
);
-- A user may be user1 of at most one active partnership and user2 of at most one; the
-- triggers below close the remaining case (user1 here, user2 there). The partial indexes
-- double as the "partner of user" lookup.
CREATE UNIQUE INDEX partnerships_active_user1 ON partnerships (user1_id) WHERE is_active = 1;
CREATE UNIQUE INDEX partnerships_active_user2 ON partnerships (user2_id) WHERE is_active = 1;
-- begin sqlite
-- SQLite runs one write transaction at a time, so these checks cannot race even across
-- processes sharing the file.
CREATE TRIGGER partnerships_one_active_on_insert
BEFORE INSERT ON partnerships
WHEN NEW.is_active = 1
BEGIN
    SELECT RAISE(ABORT, 'one active partnership per user')
    WHERE EXISTS (
        SELECT 1 FROM partnerships
        WHERE is_active = 1
          AND (user1_id IN (NEW.user1_id, NEW.user2_id) OR user2_id IN (NEW.user1_id, NEW.user2_id))
    );
END;
CREATE TRIGGER partnerships_one_active_on_update
BEFORE UPDATE OF is_active, user1_id, user2_id ON partnerships
WHEN NEW.is_active = 1
BEGIN
    SELECT RAISE(ABORT, 'one active partnership per user')
    WHERE EXISTS (
        SELECT 1 FROM partnerships
        WHERE is_active = 1 AND id <> NEW.id
          AND (user1_id IN (NEW.user1_id, NEW.user2_id) OR user2_id IN (NEW.user1_id, NEW.user2_id))
    );
END;
-- end sqlite
-- begin postgres
-- PostgreSQL runs writers concurrently (READ COMMITTED): two links of one user could each
-- see no other active partnership. Both users' locks, taken in ascending id order before
-- the check, make concurrent links of a user wait for each other.
CREATE FUNCTION partnerships_one_active() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM duet_lock_user(LEAST(NEW.user1_id, NEW.user2_id));
    PERFORM duet_lock_user(GREATEST(NEW.user1_id, NEW.user2_id));
    IF EXISTS (
        SELECT 1 FROM partnerships
        WHERE is_active = 1 AND id <> NEW.id
          AND (user1_id IN (NEW.user1_id, NEW.user2_id) OR user2_id IN (NEW.user1_id, NEW.user2_id))
    ) THEN
        RAISE EXCEPTION 'one active partnership per user'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER partnerships_one_active_on_insert
BEFORE INSERT ON partnerships
FOR EACH ROW WHEN (NEW.is_active = 1)
EXECUTE FUNCTION partnerships_one_active();
CREATE TRIGGER partnerships_one_active_on_update
BEFORE UPDATE OF is_active, user1_id, user2_id ON partnerships
FOR EACH ROW WHEN (NEW.is_active = 1)
EXECUTE FUNCTION partnerships_one_active();
-- end postgres

CREATE TABLE games (
    id            INTEGER PRIMARY KEY,
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    category      TEXT    NOT NULL,
    animation_url TEXT,
    is_active     INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
);

CREATE TABLE game_sessions (
    id          INTEGER PRIMARY KEY,
    game_id     INTEGER NOT NULL REFERENCES games (id),
    partner1_id INTEGER NOT NULL REFERENCES users (id),
    partner2_id INTEGER NOT NULL REFERENCES users (id),
    started_at  DATETIME NOT NULL,
    ended_at    DATETIME,
    result_json TEXT CHECK (result_json IS NULL OR json_valid(result_json)),
    CHECK (partner1_id <> partner2_id),
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX game_sessions_partner1 ON game_sessions (partner1_id, ended_at);
CREATE INDEX game_sessions_partner2 ON game_sessions (partner2_id, ended_at);

CREATE TABLE achievements (
    id          INTEGER PRIMARY KEY,
    emoji       TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    goal        INTEGER NOT NULL CHECK (goal > 0)
);

CREATE TABLE user_achievements (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id),
    achievement_id INTEGER NOT NULL REFERENCES achievements (id),
    progress       INTEGER NOT NULL DEFAULT 0 CHECK (progress >= 0),
    achieved_at    DATETIME,
    UNIQUE (user_id, achievement_id)               -- one progress row per achievement; indexes by user
);

CREATE TABLE history (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    game_session_id INTEGER NOT NULL REFERENCES game_sessions (id),
    played_at       DATETIME NOT NULL,
    result_short    TEXT    NOT NULL,
    UNIQUE (user_id, game_session_id)              -- a session is recorded once per player
);
CREATE INDEX history_by_user_time ON history (user_id, played_at DESC, id DESC);

CREATE TABLE settings (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id),
    theme         TEXT    NOT NULL DEFAULT 'light' CHECK (theme IN ('light', 'dark')),
    language      TEXT    NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ru')),
    sound_enabled INTEGER NOT NULL DEFAULT 1 CHECK (sound_enabled IN (0, 1)),
    notifications INTEGER NOT NULL DEFAULT 1 CHECK (notifications IN (0, 1))
);

CREATE TABLE invites (
    id         INTEGER PRIMARY KEY,
    token      TEXT    NOT NULL UNIQUE             -- UNIQUE also indexes the lookup by token
               CHECK (length(token) BETWEEN 22 AND 64 AND token NOT GLOB '*[^A-Za-z0-9_-]*'),
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL,
    used_by    INTEGER REFERENCES users (id),
    used_at    DATETIME,
    CHECK ((used_by IS NULL) = (used_at IS NULL)),
    CHECK (used_by IS NULL OR used_by <> created_by)
);
CREATE INDEX invites_by_creator ON invites (created_by, created_at);

-- migration 2: presence, partnership end time, retired invites

-- When the user was last seen; the presence sweeper turns online_status off after idling.
ALTER TABLE users ADD COLUMN last_seen_at DATETIME;
CREATE INDEX users_online_since ON users (last_seen_at) WHERE online_status = 1;
-- When an unlink happened (is_active alone cannot say when).
ALTER TABLE partnerships ADD COLUMN ended_at DATETIME;
-- Set when a newer invite replaced this one or the invitee declined it.
ALTER TABLE invites ADD COLUMN revoked_at DATETIME;

-- migration 3: the game engine (live sessions, game catalogue identity)

-- Stable identity of a game in the code's registry, so seeding at startup updates the
-- row instead of adding another one.
ALTER TABLE games ADD COLUMN slug TEXT;
CREATE UNIQUE INDEX games_by_slug ON games (slug);

-- A session's full live state is in the database, so a restart or a second bot process
-- continues it. `version` grows with every change: writers update "WHERE version = ?"
-- and retry on a miss, so simultaneous presses are each applied exactly once.
ALTER TABLE game_sessions ADD COLUMN status TEXT NOT NULL DEFAULT 'finished'
    CHECK (status IN ('invited', 'live', 'finished', 'abandoned', 'declined', 'cancelled'));
ALTER TABLE game_sessions ADD COLUMN state_json TEXT
    CHECK (state_json IS NULL OR json_valid(state_json));
ALTER TABLE game_sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
-- When a timer is due (the game's own deadline, or the idle timeout), epoch seconds.
ALTER TABLE game_sessions ADD COLUMN wake_at REAL;
-- When someone last acted; the idle timeout counts from here.
ALTER TABLE game_sessions ADD COLUMN last_action_at REAL;
-- Each player's live game message in their own chat (edited in place as the game moves).
ALTER TABLE game_sessions ADD COLUMN partner1_message_id INTEGER;
ALTER TABLE game_sessions ADD COLUMN partner2_message_id INTEGER;
-- The session this one is a rematch of (starting player alternates; an achievement).
ALTER TABLE game_sessions ADD COLUMN rematch_of INTEGER REFERENCES game_sessions (id);

-- Sessions by partner and state (the open game of a user, a couple's games).
DROP INDEX game_sessions_partner1;
DROP INDEX game_sessions_partner2;
CREATE INDEX game_sessions_partner1 ON game_sessions (partner1_id, status, started_at);
CREATE INDEX game_sessions_partner2 ON game_sessions (partner2_id, status, started_at);
-- At most one invited-or-live game per couple, whoever invited whom.
CREATE UNIQUE INDEX game_sessions_one_open_per_couple
    ON game_sessions (min(partner1_id, partner2_id), max(partner1_id, partner2_id))
    WHERE status IN ('invited', 'live');
-- The timer loop's query: open sessions whose wake time has come.
CREATE INDEX game_sessions_due ON game_sessions (wake_at) WHERE status IN ('invited', 'live');
-- A couple's sessions of one game, whoever sat first (question rotation, stats).
CREATE INDEX game_sessions_by_couple
    ON game_sessions (min(partner1_id, partner2_id), max(partner1_id, partner2_id), game_id);

-- migration 4: progress (achievement identity, monotonic progress), the question of the day

-- Stable identity of an achievement in the code, for seeding like games.
ALTER TABLE achievements ADD COLUMN slug TEXT;
CREATE UNIQUE INDEX achievements_by_slug ON achievements (slug);

-- Progress never goes backwards or past the goal, and achieved_at is written once.
-- begin sqlite
CREATE TRIGGER user_achievements_progress_on_insert
BEFORE INSERT ON user_achievements
BEGIN
    SELECT RAISE(ABORT, 'achievement progress beyond its goal')
    WHERE NEW.progress > (SELECT goal FROM achievements WHERE id = NEW.achievement_id);
END;
CREATE TRIGGER user_achievements_progress_on_update
BEFORE UPDATE OF progress, achieved_at ON user_achievements
BEGIN
    SELECT RAISE(ABORT, 'achievement progress cannot go back')
    WHERE NEW.progress < OLD.progress
       OR (OLD.achieved_at IS NOT NULL AND NEW.achieved_at IS NOT OLD.achieved_at);
    SELECT RAISE(ABORT, 'achievement progress beyond its goal')
    WHERE NEW.progress > (SELECT goal FROM achievements WHERE id = NEW.achievement_id);
END;
-- end sqlite
-- begin postgres
CREATE FUNCTION user_achievements_progress() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (
        NEW.progress < OLD.progress
        OR (OLD.achieved_at IS NOT NULL AND NEW.achieved_at IS DISTINCT FROM OLD.achieved_at)
    ) THEN
        RAISE EXCEPTION 'achievement progress cannot go back'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.progress > (SELECT goal FROM achievements WHERE id = NEW.achievement_id) THEN
        RAISE EXCEPTION 'achievement progress beyond its goal'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER user_achievements_progress_on_insert
BEFORE INSERT ON user_achievements
FOR EACH ROW EXECUTE FUNCTION user_achievements_progress();
CREATE TRIGGER user_achievements_progress_on_update
BEFORE UPDATE OF progress, achieved_at ON user_achievements
FOR EACH ROW EXECUTE FUNCTION user_achievements_progress();
-- end postgres

-- The question of the day is a session too: `day` is its UTC date ('YYYY-MM-DD'), NULL
-- for games. One per couple per day; it does not count as the couple's open game.
ALTER TABLE game_sessions ADD COLUMN day TEXT;
CREATE UNIQUE INDEX game_sessions_one_daily_per_couple
    ON game_sessions (min(partner1_id, partner2_id), max(partner1_id, partner2_id), day)
    WHERE day IS NOT NULL;
DROP INDEX game_sessions_one_open_per_couple;
CREATE UNIQUE INDEX game_sessions_one_open_game_per_couple
    ON game_sessions (min(partner1_id, partner2_id), max(partner1_id, partner2_id))
    WHERE status IN ('invited', 'live') AND day IS NULL;
-- The partner's history row of a session (achievements and stats read both sides).
CREATE INDEX history_by_session ON history (game_session_id);

-- migration 5: trust and data rights

-- Set when Telegram says the user blocked the bot (or deleted their account); cleared when
-- they write again. While set, nothing is sent to them and their partner was told once.
ALTER TABLE users ADD COLUMN blocked_at DATETIME;
-- Set by /deleteme: the row stays as an anonymous tombstone so the partner's past games
-- keep their history ("deleted user"); its telegram_id no longer matches anyone.
ALTER TABLE users ADD COLUMN deleted_at DATETIME;

-- migration 6: index-only checks for linking a couple and rotating questions

-- The checks of migration 1 filtered on "user1_id IN (...) OR user2_id IN (...)", which
-- SQLite answers by scanning every partnership (tests/benchmarks: 4 ms per link at 50,000
-- couples, growing with the table). Two EXISTS, one per column, are each a lookup in
-- partnerships_active_user1 / _user2. Same rule, same message.
-- begin sqlite
DROP TRIGGER partnerships_one_active_on_insert;
DROP TRIGGER partnerships_one_active_on_update;
CREATE TRIGGER partnerships_one_active_on_insert
BEFORE INSERT ON partnerships
WHEN NEW.is_active = 1
BEGIN
    SELECT RAISE(ABORT, 'one active partnership per user')
    WHERE EXISTS (
        SELECT 1 FROM partnerships
        WHERE is_active = 1 AND user1_id IN (NEW.user1_id, NEW.user2_id)
    ) OR EXISTS (
        SELECT 1 FROM partnerships
        WHERE is_active = 1 AND user2_id IN (NEW.user1_id, NEW.user2_id)
    );
END;
CREATE TRIGGER partnerships_one_active_on_update
BEFORE UPDATE OF is_active, user1_id, user2_id ON partnerships
WHEN NEW.is_active = 1
BEGIN
    SELECT RAISE(ABORT, 'one active partnership per user')
    WHERE EXISTS (
        SELECT 1 FROM partnerships
        WHERE is_active = 1 AND id <> NEW.id AND user1_id IN (NEW.user1_id, NEW.user2_id)
    ) OR EXISTS (
        SELECT 1 FROM partnerships
        WHERE is_active = 1 AND id <> NEW.id AND user2_id IN (NEW.user1_id, NEW.user2_id)
    );
END;
-- end sqlite
-- begin postgres
CREATE OR REPLACE FUNCTION partnerships_one_active() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM duet_lock_user(LEAST(NEW.user1_id, NEW.user2_id));
    PERFORM duet_lock_user(GREATEST(NEW.user1_id, NEW.user2_id));
    IF EXISTS (
        SELECT 1 FROM partnerships
        WHERE is_active = 1 AND id <> NEW.id AND user1_id IN (NEW.user1_id, NEW.user2_id)
    ) OR EXISTS (
        SELECT 1 FROM partnerships
        WHERE is_active = 1 AND id <> NEW.id AND user2_id IN (NEW.user1_id, NEW.user2_id)
    ) THEN
        RAISE EXCEPTION 'one active partnership per user'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;
-- end postgres

-- Counting a couple's sessions of one game (question rotation) also filters on status:
-- with status in the index the count never reads the table (a busy couple has thousands).
CREATE INDEX game_sessions_by_couple_game
    ON game_sessions (min(partner1_id, partner2_id), max(partner1_id, partner2_id), game_id, status);
DROP INDEX game_sessions_by_couple;

-- migration 7: a couple's statistics from the index

-- The statistics screen (db/repositories/couple_stats.py) counts a couple's ended sessions
-- by game, status and day. With ended_at in the couple index, SQLite finds and dates them
-- without reading the wide session rows (result and state JSON): for a couple with 11,000
-- sessions the counting query takes 23 ms instead of 35, the whole screen 40 instead of 52.
-- Its columns start with game_sessions_by_couple_game's, which it replaces (question
-- rotation counts by those); finishing a session already rewrote that index's entry.
CREATE INDEX game_sessions_by_couple_game_end
    ON game_sessions (min(partner1_id, partner2_id), max(partner1_id, partner2_id), game_id, status, ended_at);
DROP INDEX game_sessions_by_couple_game;

-- migration 8: a couple's statistics kept as counts

-- Counting a couple's sessions on every visit of the statistics screen took 90 ms for a
-- couple with 11,000 games. The active partnership now keeps the counts as a JSON summary
-- (bot/progress/summary.py), advanced in the transaction that writes a session's history
-- rows. NULL until the screen first counts them from history, and again whenever they
-- cannot be advanced; an ended partnership keeps none. Every finish bumps stats_version,
-- so a count made from an older snapshot is stored only if no session of the couple ended
-- meanwhile (db/repositories/partnerships.py): two processes cannot store a stale one.
ALTER TABLE partnerships ADD COLUMN stats_json TEXT;
ALTER TABLE partnerships ADD COLUMN stats_version INTEGER NOT NULL DEFAULT 0;

-- migration 9: a session belongs to the partnership it was started in

-- Every write that changes an open session (a move, an answer, a timer) checks in its own
-- statement that this partnership is still active, and whatever ends a couple (unlinking,
-- /deleteme, blocking the bot) ends its open sessions first, in the same transaction. So a
-- partner who unlinked and paired again can never answer, move in or complete a session of
-- the ended couple (their words would reach the ex), and old buttons act only on the couple
-- they were made for. NULL for sessions that ended before this migration.
ALTER TABLE game_sessions ADD COLUMN partnership_id INTEGER REFERENCES partnerships (id);
-- Open sessions of a couple that is still together: their active partnership.
UPDATE game_sessions SET partnership_id = (
    SELECT p.id FROM partnerships p
    WHERE p.is_active = 1
      AND p.user1_id IN (game_sessions.partner1_id, game_sessions.partner2_id)
      AND p.user2_id IN (game_sessions.partner1_id, game_sessions.partner2_id)
) WHERE status IN ('invited', 'live');
-- Open sessions of a couple that has ended (before migration 9 a question of the day stayed
-- open after an unlink): voided, without history rows, as an unlink now voids them.
-- begin sqlite
UPDATE game_sessions
SET status = 'cancelled', wake_at = NULL, version = version + 1,
    result_json = '{"reason": "unlinked"}',
    ended_at = max(started_at, strftime('%Y-%m-%d %H:%M:%S', 'now'))
WHERE status IN ('invited', 'live') AND partnership_id IS NULL;
-- end sqlite
-- begin postgres
UPDATE game_sessions
SET status = 'cancelled', wake_at = NULL, version = version + 1,
    result_json = '{"reason": "unlinked"}',
    ended_at = GREATEST(started_at, to_char(timezone('UTC', now()), 'YYYY-MM-DD HH24:MI:SS'))
WHERE status IN ('invited', 'live') AND partnership_id IS NULL;
-- end postgres
-- A couple's open sessions, to end them all when the couple ends.
CREATE INDEX game_sessions_open_by_partnership
    ON game_sessions (partnership_id) WHERE status IN ('invited', 'live');
-- One question of the day per partnership and day (not per pair of users: a couple that
-- unlinked and paired again starts afresh). A voided one (cancelled: blocking the bot voids
-- it, the partnership goes on) does not stop the day's question from being asked again.
DROP INDEX game_sessions_one_daily_per_couple;
CREATE UNIQUE INDEX game_sessions_one_daily_per_partnership
    ON game_sessions (partnership_id, day) WHERE day IS NOT NULL AND status <> 'cancelled';

-- migration 10: what must still reach the chats after a crash

-- The version both players' game messages were last seen showing (recorded in the
-- background, about once a second: bot/ui/render_ledger.py). A move saved whose edits were
-- lost (the process died between the two, or Telegram failed for longer than the retries)
-- leaves it behind `version`: at startup such open sessions are drawn again, so neither
-- player waits for a move the other already made. Open sessions of an existing database
-- count as drawn (they were, as far as anyone can tell).
ALTER TABLE game_sessions ADD COLUMN rendered_version INTEGER;
UPDATE game_sessions SET rendered_version = version WHERE status IN ('invited', 'live');
-- When the inviter was told that their invitation was accepted (the partnership is made
-- in one transaction, the news is sent after it): NULL until then, so a start finds and
-- sends the news a crash in between would have lost. Existing couples were told.
ALTER TABLE partnerships ADD COLUMN announced_at DATETIME;
UPDATE partnerships SET announced_at = connected_at;

-- migration 11: question packs, and questions asked without repeats

-- The packs a couple is asked questions from (comma-separated keys of games.banks.PACKS);
-- NULL: every pack but the 18+ one. Either partner may change them; the other is told.
ALTER TABLE partnerships ADD COLUMN packs TEXT;
-- Each partner's own yes to the 18+ pack: its questions come only while both said yes.
ALTER TABLE settings ADD COLUMN spicy INTEGER NOT NULL DEFAULT 0 CHECK (spicy IN (0, 1));
-- The questions a couple was asked, by bank ('daily', or a game's key) and round: the next
-- question is the next one of the couple's own shuffled order of the bank that is in their
-- packs and was not asked this round; a round ends when every question of their packs was
-- asked (games/question_order.py). Counting served questions, as before, repeated questions
-- once packs could change. The id orders them (what was asked last starts no new round).
CREATE TABLE asked_questions (
    id             INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
    bank           TEXT    NOT NULL,
    question_id    TEXT    NOT NULL,
    round          INTEGER NOT NULL CHECK (round >= 0),
    UNIQUE (partnership_id, bank, round, question_id)
);
-- What couples together now were asked before this migration, as their round 0.
-- begin sqlite
INSERT INTO asked_questions (partnership_id, bank, question_id, round)
SELECT DISTINCT p.id, 'daily', json_extract(g.state_json, '$.question'), 0
FROM game_sessions g
JOIN partnerships p ON p.is_active = 1
    AND p.user1_id IN (g.partner1_id, g.partner2_id)
    AND p.user2_id IN (g.partner1_id, g.partner2_id)
WHERE g.day IS NOT NULL AND g.state_json IS NOT NULL
    AND json_extract(g.state_json, '$.question') IS NOT NULL
UNION
SELECT DISTINCT p.id, r.slug, q.value, 0
FROM game_sessions g
JOIN games r ON r.id = g.game_id
JOIN partnerships p ON p.is_active = 1
    AND p.user1_id IN (g.partner1_id, g.partner2_id)
    AND p.user2_id IN (g.partner1_id, g.partner2_id)
JOIN json_each(g.state_json, '$.game.questions') q
WHERE g.day IS NULL AND g.state_json IS NOT NULL AND r.slug IS NOT NULL AND q.type = 'text';
-- end sqlite
-- begin postgres
INSERT INTO asked_questions (partnership_id, bank, question_id, round)
SELECT DISTINCT p.id, 'daily', g.state_json::json ->> 'question', 0
FROM game_sessions g
JOIN partnerships p ON p.is_active = 1
    AND p.user1_id IN (g.partner1_id, g.partner2_id)
    AND p.user2_id IN (g.partner1_id, g.partner2_id)
WHERE g.day IS NOT NULL AND g.state_json IS NOT NULL
    AND g.state_json::json ->> 'question' IS NOT NULL
UNION
SELECT DISTINCT p.id, r.slug, q.value, 0
FROM game_sessions g
JOIN games r ON r.id = g.game_id
JOIN partnerships p ON p.is_active = 1
    AND p.user1_id IN (g.partner1_id, g.partner2_id)
    AND p.user2_id IN (g.partner1_id, g.partner2_id)
CROSS JOIN LATERAL json_array_elements_text(
    CASE WHEN json_typeof(g.state_json::json -> 'game' -> 'questions') = 'array'
         THEN g.state_json::json -> 'game' -> 'questions' ELSE '[]'::json END
) AS q (value)
WHERE g.day IS NULL AND g.state_json IS NOT NULL AND r.slug IS NOT NULL;
-- end postgres

-- migration 12: a couple's own questions

-- Questions a partner wrote for the couple (issue #27): the question of the day asks them
-- before the bank's, oldest first, each once (`asked_at`); with 2 to 4 `options` (a JSON
-- array of texts) they are answered by a button. They belong to the partnership they were
-- written in, so an ex or a later partner never sees them, and /deleteme deletes the
-- author's rows (and their text in the days that asked them).
CREATE TABLE own_questions (
    id             INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
    author_id      INTEGER NOT NULL REFERENCES users (id),
    prompt         TEXT    NOT NULL,
    options_json   TEXT,
    created_at     DATETIME NOT NULL,
    asked_at       DATETIME
);
-- The couple's list, and the next one to ask (unasked first, oldest first).
CREATE INDEX own_questions_of_partnership ON own_questions (partnership_id, asked_at, id);

-- migration 13: the message that shows an invite link

-- Where the inviter was shown their link (#25): once it is used, that message stops
-- offering to share it. NULL for links shown before this column, or not yet shown.
ALTER TABLE invites ADD COLUMN message_id INTEGER;

-- migration 14: how Duet speaks to and of each person
-- Russian agrees with the person («ты ответил», «Алиса ответила»): each user may say
-- which grammatical form to use for them, 'male', 'female' or 'neutral'; NULL until
-- chosen, worded neutrally (bot/i18n.py, gettext_as). English ignores it.
ALTER TABLE settings ADD COLUMN grammatical_form TEXT
    CHECK (grammatical_form IN ('male', 'female', 'neutral'));

-- migration 15: the daily ritual in each couple's own time (issue 26)

-- Each person's time zone (an IANA name; NULL until they pick one: bot/zones.py suggests
-- one from their language). The couple's day follows the partner furthest behind.
ALTER TABLE settings ADD COLUMN time_zone TEXT CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64);
-- When the question of the day arrives, in minutes after local midnight (19:00 by
-- default); NULL: never pushed.
ALTER TABLE settings ADD COLUMN push_minute INTEGER DEFAULT 1140 CHECK (push_minute IS NULL OR push_minute BETWEEN 0 AND 1439);
-- The next push to this person (UTC): the push loops claim due rows by moving it on to the
-- next day with a compare-and-set, so two workers never push one person twice. NULL: no
-- push planned (no partner, pushes off); set again when the couple opens the question.
ALTER TABLE settings ADD COLUMN next_push_at DATETIME;
CREATE INDEX settings_next_push ON settings (next_push_at) WHERE next_push_at IS NOT NULL;
-- When the question of the day was last answered by either partner: seven couple-days
-- without an answer pause the pushes (partnerships.pushes_paused_at), an answer resumes them.
ALTER TABLE game_sessions ADD COLUMN answered_at DATETIME;
-- Questions answered before this migration: when they were last touched. ("Earlier
-- questions" lists only days at least one partner answered.)
UPDATE game_sessions SET answered_at = coalesce(ended_at, started_at)
WHERE day IS NOT NULL AND (state_json LIKE '%{"option"%' OR state_json LIKE '%{"text"%'
    OR state_json LIKE '%{"erased"%');
ALTER TABLE partnerships ADD COLUMN pushes_paused_at DATETIME;
