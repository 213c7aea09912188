-- The benchmark's desk, generated inside PostgreSQL on a schema the service's migrations made.
-- Variables (psql -v): articles, claims, hot (articles with exactly 200 annotations), secret_analyst, secret_admin.
--   articles 1..hot            200 annotations each (the read-article scenario reads these)
--   articles hot+1..articles   the other claims, spread evenly
--   article articles+1         100,000 code points with 2,000 annotations, some overlapping (browser-render)
-- Every claim has one annotation and two evidence links; 60% have a verdict, 40% a published one.
-- Foreign keys are checked by construction: triggers (and so FK checks) are off while loading, secondary indexes
-- are dropped and rebuilt from their own definitions afterwards.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
SET session_replication_role = replica;
SET maintenance_work_mem = '512MB';

CREATE TEMP TABLE saved_index AS
SELECT indexname, indexdef FROM pg_indexes
 WHERE schemaname = current_schema()
   AND tablename IN ('article', 'claim', 'verdict', 'annotation', 'evidence', 'event')
   AND indexname NOT LIKE '%_pkey';
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexname FROM saved_index LOOP EXECUTE format('DROP INDEX %I', r.indexname); END LOOP;
END $$;

-- Vocabulary: English, Arabic and Russian words, numbers and emoji, as news text mixes them.
CREATE TEMP TABLE vocab AS
SELECT array_agg(w) AS w, count(*)::int AS n FROM unnest(string_to_array(
 'the minister said that government budget election vote inflation rate percent million billion report official '
 || 'health vaccine hospital climate emissions temperature record police crime school teachers students tax taxes '
 || 'border migrants refugees army ceasefire talks president parliament senator mayor city council housing prices '
 || 'energy gas oil electricity wind solar nuclear unemployment jobs wages pension deficit debt growth economy '
 || 'according data statistics survey poll study researchers claims claimed denied confirmed announced promised '
 || 'last year this week since 2019 2020 2021 2022 2023 2024 2025 12 37 58 1.5 3.2 40,000 half third doubled fell rose '
 || 'water drought floods farmers food imports exports trade agreement court ruling judge law bill reform protest '
 || 'مصدر الحكومة الانتخابات وزير قال إن مليون نسبة الاقتصاد التضخم البرلمان المياه اللاجئين الصحة '
 || 'правительство выборы министр заявил процент рост экономика '
 || '📈 📉 🗳️ 🌍 🔥 💶 ✅ ❌ 😀 👩🏽‍⚕️ 🇪🇺 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 naïve café Zürich São Paulo' || U&' x\0303 q\0307',
 ' ')) AS w;

CREATE TEMP TABLE names AS
SELECT array['Amina','Boris','Chen','Dolores','Emeka','Fatima','Giulia','Hiroshi','Ingrid','Jamal','Kateryna','Luis',
             'Mariam','Nikolai','Olga','Pedro','Qiu','Rania','Sven','Tariq','Ursula','Viktor','Wanjiru','Ximena','Yusuf',
             'Zeynep','أحمد','ليلى','محمد','Ольга'] AS first,
       array['Asapov','Brandt','Castillo','Dubois','Eriksen','Farouk','Garcia','Haddad','Ivanova','Jansen','Kowalski',
             'Lindqvist','Moreau','Nakamura','Okafor','Petrov','Quispe','Rossi','Santos','Tanaka','Umarov','Varga',
             'Weber','Xu','Yilmaz','Zhou','الحسن','العلي','Смирнов','Ng'] AS last;

-- 500 paragraphs of 40 to 129 words.
CREATE TEMP TABLE para AS
SELECT p, initcap(left(txt, 1)) || substr(txt, 2) || '.' AS txt, char_length(txt) + 1 AS len FROM (
  SELECT p, (SELECT string_agg(v.w[1 + floor(random() * v.n)::int], ' ') FROM vocab v, generate_series(1, 40 + p % 90) k
              WHERE k > 0 * p) AS txt
    FROM generate_series(1, 500) p) s;

-- Bench users and their API tokens (secrets given on the command line, stored as SHA-256 like real ones).
INSERT INTO app_user (username, display_name, password_hash, role)
SELECT u.username, u.display_name, a.password_hash, u.role  -- the admin's password: nobody signs in as them
  FROM (VALUES ('bench-analyst', 'Bench Analyst 📝', 'analyst'), ('bench-reviewer', 'مراجع Bench Reviewer', 'reviewer'))
       u(username, display_name, role), app_user a
 WHERE a.username = 'admin';
SELECT id AS analyst_id FROM app_user WHERE username = 'bench-analyst' \gset
SELECT id AS reviewer_id FROM app_user WHERE username = 'bench-reviewer' \gset
SELECT id AS admin_id FROM app_user WHERE username = 'admin' \gset
INSERT INTO api_token (user_id, name, secret_hash)
SELECT u.id, 'bench', encode(sha256(convert_to(s.secret, 'UTF8')), 'hex')
  FROM (VALUES ('bench-analyst', :'secret_analyst'), ('admin', :'secret_admin')) s(username, secret)
  JOIN app_user u ON u.username = s.username;

-- Articles of 3 to 30 kB: a title line, then paragraphs chosen by arithmetic on the id.
INSERT INTO article (id, title, outlet, url, author, published_at, language, body, body_length, content_hash, created_by)
SELECT i, title, outlet, 'https://news.example/' || i, author, published_at, 'en', body, char_length(body),
       encode(sha256(convert_to(body, 'UTF8')), 'hex'), :admin_id
  FROM (SELECT i, 'Desk article ' || i || ': ' || (SELECT left(txt, 60) FROM para WHERE p = 1 + i % 500) AS title,
               (array['The Daily Example','Al-Mithal','Пример Daily','Le Exemple','Example Wire'])[1 + i % 5] AS outlet,
               n.first[1 + i % 30] || ' ' || n.last[1 + (i / 30) % 30] AS author,
               timestamptz '2025-01-01' + (i % 600) * interval '1 day' AS published_at,
               'Article ' || i || E'\n\n' || (SELECT string_agg(txt, E'\n\n' ORDER BY k)
                    FROM generate_series(1, 5 + (i * 7919) % 46) k JOIN para ON para.p = 1 + (i * 31 + k * 17) % 500)
                 AS body
          FROM generate_series(1, :articles) i, names n) a;

-- The long article: 100,000 code points.
INSERT INTO article (id, title, outlet, url, author, published_at, language, body, body_length, content_hash, created_by)
SELECT :articles + 1, 'The long read: 100,000 characters, 2,000 highlights', 'Example Wire', 'https://news.example/long', 'Bench',
       timestamptz '2025-06-01', 'en', body, char_length(body), encode(sha256(convert_to(body, 'UTF8')), 'hex'), :admin_id
  FROM (SELECT left(string_agg(txt, E'\n\n' ORDER BY k), 100000) AS body
          FROM generate_series(1, 400) k JOIN para ON para.p = 1 + (k * 13) % 500) b;

-- Which article each claim's annotation lies on, and where.
CREATE TEMP TABLE span AS
SELECT c, article_id, st, len FROM (
  SELECT c,
         CASE WHEN c <= :hot * 200 THEN (c - 1) / 200 + 1
              WHEN c > :claims - 2000 THEN :articles + 1
              ELSE :hot + 1 + c % (:articles - :hot) END AS article_id,
         CASE WHEN c > :claims - 2000 THEN 8 + c % 80 ELSE 8 + c % 40 END AS len
    FROM generate_series(1, :claims) c) s
  JOIN LATERAL (SELECT body_length FROM article WHERE id = s.article_id) a ON true
  CROSS JOIN LATERAL (SELECT CASE
      WHEN s.c <= :hot * 200 THEN ((s.c - 1) % 200) * ((a.body_length - 60) / 200)
      WHEN s.c > :claims - 2000 THEN (s.c - (:claims - 2000) - 1) * 49
      ELSE ((s.c::bigint * 2654435761) % (a.body_length - 60))::int END AS st) p;

INSERT INTO claim (id, statement, claimant, claim_date, status, rating, current_verdict_id, published_verdict_id,
                   created_at, created_by, updated_at)
SELECT c,
       (SELECT string_agg(v.w[1 + ((c::bigint * (k + 3) * 7901 + k * k) % v.n)::int], ' ') FROM generate_series(1, 6 + c % 12) k
         WHERE k > 0 * c),
       n.first[1 + c % 30] || ' ' || n.last[1 + (c / 30) % 30],
       date '2024-01-01' + (c % 700),
       CASE WHEN c % 10 < 4 THEN 'published' WHEN c % 10 = 4 THEN 'in_review' WHEN c % 10 = 5 THEN 'in_progress' ELSE 'open' END,
       CASE WHEN c % 10 < 6 THEN (array['true','mostly-true','mixed','mostly-false','false','misleading','unproven'])[1 + c % 7] END,
       CASE WHEN c % 10 < 6 THEN c END,
       CASE WHEN c % 10 < 4 THEN c END,
       timestamptz '2025-01-01' + c * interval '20 seconds', :analyst_id, timestamptz '2025-01-01' + c * interval '20 seconds'
  FROM generate_series(1, :claims) c, vocab v, names n;

INSERT INTO verdict (id, claim_id, revision, rating, explanation, author_id, created_at, published_by, published_at)
SELECT c.id, c.id, 1, c.rating, 'Checked against the sources listed; see evidence ' || c.id || '.', :analyst_id, c.updated_at,
       CASE WHEN c.id % 10 < 4 THEN :reviewer_id END, CASE WHEN c.id % 10 < 4 THEN c.updated_at END
  FROM claim c WHERE c.id % 10 < 6;

INSERT INTO annotation (article_id, claim_id, start_pos, end_pos, exact, prefix, suffix, created_by, created_at, updated_at)
SELECT s.article_id, s.c, s.st, s.st + s.len, substr(a.body, s.st + 1, s.len),
       substr(a.body, greatest(s.st - 31, 1), least(s.st, 32)), substr(a.body, s.st + s.len + 1, 32), :analyst_id,
       timestamptz '2025-01-01' + s.c * interval '20 seconds', timestamptz '2025-01-01' + s.c * interval '20 seconds'
  FROM span s JOIN article a ON a.id = s.article_id
 ORDER BY s.c;

INSERT INTO evidence (claim_id, url, title, publisher, stance, note, created_by, created_at)
SELECT c, 'https://source.example/' || c || '/' || k || '?ref=desk', 'Source ' || k || ' for claim ' || c,
       (array['Statistics Office','وزارة الصحة','Reuters-like Wire','Court records'])[1 + (c + k) % 4],
       (array['supports','refutes','context'])[1 + (c + k) % 3],
       CASE WHEN k = 1 THEN 'Table 3, row ' || c % 97 END, :analyst_id, timestamptz '2025-01-01' + c * interval '20 seconds'
  FROM generate_series(1, :claims) c, generate_series(1, 2) k;

INSERT INTO event (at, actor_id, type, article_id, claim_id, subject_id, after)
SELECT c.created_at, :analyst_id, 'claim.created', s.article_id, c.id, c.id, jsonb_build_object('statement', c.statement)
  FROM claim c JOIN span s ON s.c = c.id;

SET session_replication_role = origin;

DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexdef FROM saved_index LOOP EXECUTE r.indexdef; END LOOP;
END $$;

SELECT setval(pg_get_serial_sequence('article', 'id'), (SELECT max(id) FROM article));
SELECT setval(pg_get_serial_sequence('claim', 'id'), (SELECT max(id) FROM claim));
SELECT setval(pg_get_serial_sequence('verdict', 'id'), (SELECT max(id) FROM verdict));
