using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaBib.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Authors' names (weight B) and subject headings (C) of each record in a stored <c>records.heading_vector</c>,
    /// kept up to date by statement-level triggers on the link tables (COPY batches of the import included) and on
    /// renames, with one GIN index on the record's full vector. Search no longer builds these vectors at query time for
    /// every record of a matching author (a few hundred thousand rows for a common name on a million records).
    /// The column is not in the EF model: only the search statement reads it (see SearchSql.FullVector).
    /// </summary>
    [DbContext(typeof(MediaBibDbContext))]
    [Migration("20261130012000_SearchHeadingVector")]
    public partial class SearchHeadingVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE records ADD COLUMN heading_vector tsvector;

                CREATE FUNCTION records_heading_vector(record uuid) RETURNS tsvector LANGUAGE sql STABLE AS $$
                  SELECT setweight(to_tsvector('french_unaccent'::regconfig, coalesce((SELECT string_agg(a.name, ' ' ORDER BY ra.position)
                           FROM record_author ra JOIN authors a ON a.id = ra.author_id WHERE ra.record_id = record), '')), 'B')
                      || setweight(to_tsvector('french_unaccent'::regconfig, coalesce((SELECT string_agg(s.label, ' ')
                           FROM record_subject rs JOIN subjects s ON s.id = rs.subject_id WHERE rs.record_id = record), '')), 'C')
                $$;

                CREATE FUNCTION records_refresh_headings() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE records r SET heading_vector = records_heading_vector(r.id) WHERE r.id IN (SELECT record_id FROM changed);
                  RETURN NULL;
                END $$;

                CREATE FUNCTION records_refresh_headings_of_authors() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE records r SET heading_vector = records_heading_vector(r.id)
                  WHERE r.id IN (SELECT ra.record_id FROM record_author ra JOIN changed c ON c.id = ra.author_id);
                  RETURN NULL;
                END $$;

                CREATE FUNCTION records_refresh_headings_of_subjects() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE records r SET heading_vector = records_heading_vector(r.id)
                  WHERE r.id IN (SELECT rs.record_id FROM record_subject rs JOIN changed c ON c.id = rs.subject_id);
                  RETURN NULL;
                END $$;

                CREATE TRIGGER record_author_added AFTER INSERT ON record_author REFERENCING NEW TABLE AS changed
                  FOR EACH STATEMENT EXECUTE FUNCTION records_refresh_headings();
                CREATE TRIGGER record_author_changed AFTER UPDATE ON record_author REFERENCING NEW TABLE AS changed
                  FOR EACH STATEMENT EXECUTE FUNCTION records_refresh_headings();
                CREATE TRIGGER record_author_removed AFTER DELETE ON record_author REFERENCING OLD TABLE AS changed
                  FOR EACH STATEMENT EXECUTE FUNCTION records_refresh_headings();
                CREATE TRIGGER record_subject_added AFTER INSERT ON record_subject REFERENCING NEW TABLE AS changed
                  FOR EACH STATEMENT EXECUTE FUNCTION records_refresh_headings();
                CREATE TRIGGER record_subject_changed AFTER UPDATE ON record_subject REFERENCING NEW TABLE AS changed
                  FOR EACH STATEMENT EXECUTE FUNCTION records_refresh_headings();
                CREATE TRIGGER record_subject_removed AFTER DELETE ON record_subject REFERENCING OLD TABLE AS changed
                  FOR EACH STATEMENT EXECUTE FUNCTION records_refresh_headings();
                CREATE TRIGGER author_renamed AFTER UPDATE ON authors REFERENCING NEW TABLE AS changed
                  FOR EACH STATEMENT EXECUTE FUNCTION records_refresh_headings_of_authors();
                CREATE TRIGGER subject_renamed AFTER UPDATE ON subjects REFERENCING NEW TABLE AS changed
                  FOR EACH STATEMENT EXECUTE FUNCTION records_refresh_headings_of_subjects();

                UPDATE records r SET heading_vector = records_heading_vector(r.id)
                WHERE EXISTS (SELECT 1 FROM record_author ra WHERE ra.record_id = r.id)
                   OR EXISTS (SELECT 1 FROM record_subject rs WHERE rs.record_id = r.id);

                CREATE INDEX ix_records_full_vector ON records
                  USING gin ((coalesce(search_vector, ''::tsvector) || coalesce(heading_vector, ''::tsvector)));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_records_full_vector;
                DROP TRIGGER record_author_added ON record_author;
                DROP TRIGGER record_author_changed ON record_author;
                DROP TRIGGER record_author_removed ON record_author;
                DROP TRIGGER record_subject_added ON record_subject;
                DROP TRIGGER record_subject_changed ON record_subject;
                DROP TRIGGER record_subject_removed ON record_subject;
                DROP TRIGGER author_renamed ON authors;
                DROP TRIGGER subject_renamed ON subjects;
                DROP FUNCTION records_refresh_headings_of_subjects();
                DROP FUNCTION records_refresh_headings_of_authors();
                DROP FUNCTION records_refresh_headings();
                DROP FUNCTION records_heading_vector(uuid);
                ALTER TABLE records DROP COLUMN heading_vector;
                """);
        }
    }
}
