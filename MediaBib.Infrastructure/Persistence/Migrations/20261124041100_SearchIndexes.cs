using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaBib.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_subjects_label_fts",
                table: "subjects",
                column: "label")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:TsVectorConfig", "french_unaccent");

            migrationBuilder.CreateIndex(
                name: "ix_authors_name_fts",
                table: "authors",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:TsVectorConfig", "french_unaccent");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_subjects_label_fts",
                table: "subjects");

            migrationBuilder.DropIndex(
                name: "ix_authors_name_fts",
                table: "authors");
        }
    }
}
