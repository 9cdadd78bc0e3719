using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaBib.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CirculationRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "circulation_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    library_id = table.Column<Guid>(type: "uuid", nullable: true),
                    patron_category_id = table.Column<Guid>(type: "uuid", nullable: true),
                    item_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    values_cap_at_replacement_price = table.Column<bool>(type: "boolean", nullable: true),
                    values_charge_replacement_when_lost = table.Column<bool>(type: "boolean", nullable: true),
                    values_fine_block_threshold = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    values_fine_cap_per_item = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    values_fine_per_day = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    values_grace_days = table.Column<int>(type: "integer", nullable: true),
                    values_hard_due_date = table.Column<DateOnly>(type: "date", nullable: true),
                    values_hold_pickup_delay_days = table.Column<int>(type: "integer", nullable: true),
                    values_holds_allowed = table.Column<bool>(type: "boolean", nullable: true),
                    values_loan_period = table.Column<int>(type: "integer", nullable: true),
                    values_loan_period_unit = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    values_max_holds = table.Column<int>(type: "integer", nullable: true),
                    values_max_holds_per_record = table.Column<int>(type: "integer", nullable: true),
                    values_max_loans = table.Column<int>(type: "integer", nullable: true),
                    values_max_loans_per_item_type = table.Column<int>(type: "integer", nullable: true),
                    values_max_on_site_loans = table.Column<int>(type: "integer", nullable: true),
                    values_max_suspension_days = table.Column<int>(type: "integer", nullable: true),
                    values_no_renewal_before_days = table.Column<int>(type: "integer", nullable: true),
                    values_overdue_block_days = table.Column<int>(type: "integer", nullable: true),
                    values_refund_when_found = table.Column<bool>(type: "boolean", nullable: true),
                    values_renewal_overdue_limit_days = table.Column<int>(type: "integer", nullable: true),
                    values_renewal_period = table.Column<int>(type: "integer", nullable: true),
                    values_renewals_allowed = table.Column<int>(type: "integer", nullable: true),
                    values_return_policy = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    values_suspension_days_per_overdue_day = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_circulation_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_circulation_rules_item_types_item_type_id",
                        column: x => x.item_type_id,
                        principalTable: "item_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_circulation_rules_libraries_library_id",
                        column: x => x.library_id,
                        principalTable: "libraries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_circulation_rules_patron_categories_patron_category_id",
                        column: x => x.patron_category_id,
                        principalTable: "patron_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_circulation_rules_item_type_id",
                table: "circulation_rules",
                column: "item_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_circulation_rules_patron_category_id",
                table: "circulation_rules",
                column: "patron_category_id");

            migrationBuilder.CreateIndex(
                name: "ux_circulation_rules_axes",
                table: "circulation_rules",
                columns: new[] { "library_id", "patron_category_id", "item_type_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "circulation_rules");
        }
    }
}
