using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaBib.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ItemStatusUpdatesStayOnThePage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_items_status",
                table: "items");

            migrationBuilder.AlterTable(
                name: "items")
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "items")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateIndex(
                name: "ix_items_status",
                table: "items",
                column: "status");
        }
    }
}
