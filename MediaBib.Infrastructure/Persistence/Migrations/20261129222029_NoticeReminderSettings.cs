using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaBib.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NoticeReminderSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reminder_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    library_id = table.Column<Guid>(type: "uuid", nullable: false),
                    patron_category_id = table.Column<Guid>(type: "uuid", nullable: true),
                    courtesy_days_before = table.Column<int>(type: "integer", nullable: true),
                    card_expiry_days_before = table.Column<int>(type: "integer", nullable: true),
                    channels = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_settings", x => x.id);
                    table.ForeignKey(
                        name: "fk_reminder_settings_libraries_library_id",
                        column: x => x.library_id,
                        principalTable: "libraries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reminder_settings_patron_categories_patron_category_id",
                        column: x => x.patron_category_id,
                        principalTable: "patron_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reminder_settings_library_id_patron_category_id",
                table: "reminder_settings",
                columns: new[] { "library_id", "patron_category_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_reminder_settings_patron_category_id",
                table: "reminder_settings",
                column: "patron_category_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reminder_settings");
        }
    }
}
