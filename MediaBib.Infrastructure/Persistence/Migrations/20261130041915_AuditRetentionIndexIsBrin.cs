using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaBib.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AuditRetentionIndexIsBrin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_log_retain_until",
                table: "audit_log");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_retain_until",
                table: "audit_log",
                column: "retain_until")
                .Annotation("Npgsql:IndexMethod", "brin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_log_retain_until",
                table: "audit_log");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_retain_until",
                table: "audit_log",
                column: "retain_until");
        }
    }
}
