using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaBib.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Sip2Terminals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sip2_terminals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    login = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    password_hash = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    library_id = table.Column<Guid>(type: "uuid", nullable: false),
                    allowed_operations = table.Column<List<string>>(type: "text[]", nullable: false),
                    charset = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sort_bin_rules = table.Column<string>(type: "jsonb", nullable: false),
                    checkin_captures_holds = table.Column<bool>(type: "boolean", nullable: false),
                    is_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sip2_terminals", x => x.id);
                    table.ForeignKey(
                        name: "fk_sip2_terminals_libraries_library_id",
                        column: x => x.library_id,
                        principalTable: "libraries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sip2_terminals_library_id",
                table: "sip2_terminals",
                column: "library_id");

            migrationBuilder.CreateIndex(
                name: "ix_sip2_terminals_login",
                table: "sip2_terminals",
                column: "login",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sip2_terminals");
        }
    }
}
