using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaBib.Infrastructure.Persistence.Migrations;

/// <summary>
/// Hand-written: what the generated migrations rely on but EF cannot express. The accent-insensitive French text
/// search configuration and an IMMUTABLE unaccent wrapper (unaccent() itself is only STABLE, so generated columns
/// and expression indexes refuse it).
/// </summary>
[DbContext(typeof(MediaBibDbContext))]
[Migration("20261124000000_Prelude")]
public sealed class Prelude : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
        migrationBuilder.Sql("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
                CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french);
                ALTER TEXT SEARCH CONFIGURATION french_unaccent
                  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
              END IF;
            END $$;
            """);
        migrationBuilder.Sql("""
            CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
              LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
              AS $f$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $f$;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS f_unaccent(text);");
        migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;");
    }
}
