using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaBib.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OneOverdueFinePerLoan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Repair what the accrual/checkin race could leave before this index: an accruing fine next to another
            // overdue fine of the same loan, nothing paid or waived on it, is the duplicate; the patron's balance is
            // brought back in step (open fines' outstanding amounts).
            migrationBuilder.Sql("""
                WITH duplicate AS (
                    DELETE FROM fines f
                    WHERE f.kind = 'Overdue' AND f.status = 'Accruing' AND f.amount_paid = 0 AND f.amount_waived = 0
                      AND EXISTS (SELECT FROM fines g WHERE g.loan_id = f.loan_id AND g.kind = 'Overdue' AND g.id <> f.id)
                    RETURNING f.patron_id)
                UPDATE patrons p
                SET balance = COALESCE((SELECT sum(GREATEST(x.amount - x.amount_paid - x.amount_waived, 0)) FROM fines x
                                        WHERE x.patron_id = p.id AND x.status IN ('Open', 'Accruing')), 0)
                WHERE p.id IN (SELECT patron_id FROM duplicate);
                """);

            migrationBuilder.CreateIndex(
                name: "ux_fines_overdue_loan",
                table: "fines",
                column: "loan_id",
                unique: true,
                filter: "kind = 'Overdue'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_fines_overdue_loan",
                table: "fines");
        }
    }
}
