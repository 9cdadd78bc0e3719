using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaBib.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The outbox is no longer announced by a trigger inside the writing transaction: a NOTIFY there serialises every
    /// commit of the database. <c>OutboxNotifier</c> sends it after the commit instead.
    /// </summary>
    public partial class OutboxNotifyAfterCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS outbox_messages_notify ON outbox_messages;
                DROP FUNCTION IF EXISTS notify_outbox();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                  PERFORM pg_notify('mediabib_outbox', '');
                  RETURN NULL;
                END $f$;
                CREATE TRIGGER outbox_messages_notify AFTER INSERT ON outbox_messages
                  FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();
                """);
        }
    }
}
