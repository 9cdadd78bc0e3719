using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaBib.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OutboxReadsByTransaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages");

            // The dispatchers' cursor: the inserting transaction (set by the database, so no writer can forget it) and
            // the order of events within it. A reader delivers only events of transactions older than every one still
            // running (pg_snapshot_xmin), so no later commit can land behind its cursor. Not mapped by EF: inserts
            // leave both to their defaults. Existing rows get the current transaction's id, older than any to come.
            migrationBuilder.Sql("""
                ALTER TABLE outbox_messages
                    ADD COLUMN tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
                    ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY;
                CREATE INDEX ix_outbox_tx_position ON outbox_messages (tx_id, position);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_outbox_tx_position;
                ALTER TABLE outbox_messages DROP COLUMN tx_id, DROP COLUMN position;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages",
                column: "occurred_at",
                filter: "processed_at IS NULL");
        }
    }
}
