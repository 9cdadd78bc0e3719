using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace MediaBib.Infrastructure.Persistence.Configurations;

internal sealed class RecordConfiguration : IEntityTypeConfiguration<Record>
{
    /// <summary>Weighted French full-text vector: title (A) above authors' statement (B) above series (C) above summary (D).</summary>
    internal const string SearchVectorSql =
        "setweight(to_tsvector('french_unaccent'::regconfig, coalesce(title, '') || ' ' || coalesce(subtitle, '')), 'A') || " +
        "setweight(to_tsvector('french_unaccent'::regconfig, coalesce(responsibility, '')), 'B') || " +
        "setweight(to_tsvector('french_unaccent'::regconfig, coalesce(series, '') || ' ' || coalesce(publisher, '')), 'C') || " +
        "setweight(to_tsvector('french_unaccent'::regconfig, coalesce(summary, '')), 'D')";

    public void Configure(EntityTypeBuilder<Record> builder)
    {
        builder.Ignore(r => r.DomainEvents);
        builder.Property(r => r.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.MarcFlavour).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Title).HasMaxLength(Record.TitleMaxLength);
        builder.Property(r => r.Subtitle).HasMaxLength(Record.TitleMaxLength);
        builder.Property(r => r.Responsibility).HasMaxLength(1000);
        builder.Property(r => r.Isbn)
            .HasConversion(i => i!.Value.Value, v => Isbn.From(v))
            .HasMaxLength(Isbn.MaxLength);
        builder.Property(r => r.Issn).HasMaxLength(9);
        builder.Property(r => r.Publisher).HasMaxLength(300);
        builder.Property(r => r.PlaceOfPublication).HasMaxLength(200);
        builder.Property(r => r.Edition).HasMaxLength(200);
        builder.Property(r => r.Series).HasMaxLength(500);
        builder.Property(r => r.Language).HasMaxLength(3);
        builder.Property(r => r.PhysicalDescription).HasMaxLength(300);
        builder.Property(r => r.Summary).HasMaxLength(10_000);
        builder.Property(r => r.Classification).HasMaxLength(100);
        builder.Property(r => r.CoverUrl).HasMaxLength(1000);
        builder.Property(r => r.ControlNumber).HasMaxLength(100);
        builder.Property(r => r.Marc).HasColumnType("jsonb");

        builder.Property<NpgsqlTsVector>("SearchVector")
            .HasComputedColumnSql(SearchVectorSql, stored: true);
        builder.HasIndex("SearchVector").HasMethod("GIN");
        builder.Property<string>("TitleNormalized")
            .HasComputedColumnSql("f_unaccent(lower(title))", stored: true)
            .HasMaxLength(Record.TitleMaxLength);
        builder.HasIndex("TitleNormalized").HasMethod("GIN").HasOperators("gin_trgm_ops");

        builder.HasIndex(r => r.Isbn);
        builder.HasIndex(r => r.Issn);
        builder.HasIndex(r => r.ControlNumber);
        builder.HasIndex(r => r.CreatedAt);

        builder.HasMany(r => r.Authors).WithOne().HasForeignKey(a => a.RecordId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Authors).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.Subjects).WithOne().HasForeignKey(a => a.RecordId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Subjects).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> builder)
    {
        builder.Ignore(a => a.DomainEvents);
        builder.Property(a => a.Name).HasMaxLength(300);
        builder.Property(a => a.Dates).HasMaxLength(50);
        builder.Property<string>("NameNormalized")
            .HasComputedColumnSql("f_unaccent(lower(name))", stored: true)
            .HasMaxLength(300);
        builder.HasIndex("NameNormalized").HasMethod("GIN").HasOperators("gin_trgm_ops");
        builder.HasIndex(a => new { a.Name, a.Dates }).IsUnique().AreNullsDistinct(false);
        // Full-text search reaches records through their authors (SearchService); without this every query scans them.
        builder.HasIndex(a => a.Name).HasMethod("GIN").IsTsVectorExpressionIndex("french_unaccent").HasDatabaseName("ix_authors_name_fts");
    }
}

internal sealed class RecordAuthorConfiguration : IEntityTypeConfiguration<RecordAuthor>
{
    public void Configure(EntityTypeBuilder<RecordAuthor> builder)
    {
        builder.HasKey(a => new { a.RecordId, a.Position });
        builder.Property(a => a.Role).HasMaxLength(16);
        builder.HasOne(a => a.Author).WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.AuthorId);
    }
}

internal sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> builder)
    {
        builder.Ignore(s => s.DomainEvents);
        builder.Property(s => s.Label).HasMaxLength(300);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.Label, s.Kind }).IsUnique();
        builder.HasIndex(s => s.Label).HasMethod("GIN").IsTsVectorExpressionIndex("french_unaccent").HasDatabaseName("ix_subjects_label_fts");
    }
}

internal sealed class RecordSubjectConfiguration : IEntityTypeConfiguration<RecordSubject>
{
    public void Configure(EntityTypeBuilder<RecordSubject> builder)
    {
        builder.HasKey(s => new { s.RecordId, s.SubjectId });
        builder.HasOne(s => s.Subject).WithMany().HasForeignKey(s => s.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.SubjectId);
    }
}

internal sealed class ItemTypeConfiguration : IEntityTypeConfiguration<ItemType>
{
    public void Configure(EntityTypeBuilder<ItemType> builder)
    {
        builder.Ignore(t => t.DomainEvents);
        builder.Property(t => t.Code).HasMaxLength(16);
        builder.Property(t => t.Label).HasMaxLength(100);
        builder.HasIndex(t => t.Code).IsUnique();
    }
}

internal sealed class RecordEditLockConfiguration : IEntityTypeConfiguration<Catalog.Editing.RecordEditLock>
{
    public void Configure(EntityTypeBuilder<Catalog.Editing.RecordEditLock> builder)
    {
        builder.HasKey(l => l.RecordId);
        builder.Property(l => l.UserName).HasMaxLength(256);
        builder.HasOne<Record>().WithMany().HasForeignKey(l => l.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}
