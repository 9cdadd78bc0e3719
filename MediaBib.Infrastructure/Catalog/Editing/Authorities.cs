using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Catalog.Editing;

/// <summary>What an authority heading is: a person, a corporate body, or a subject (topic, place, genre).</summary>
public enum AuthorityKind
{
    Person,
    Corporate,
    Subject,
}

/// <summary>An authority found or created: its id (what <c>$9</c> holds), heading and dates.</summary>
public sealed record AuthorityHit(Guid Id, AuthorityKind Kind, string Heading, string? Dates, int Records);

/// <summary>
/// The catalogue's authorities: authors (persons and corporate bodies) and subjects are shared rows that records link
/// to. The editor finds one by name (accent-insensitive), or creates one, and writes its id in the field's <c>$9</c>.
/// </summary>
public sealed class Authorities(IDbContextFactory<MediaBibDbContext> contexts)
{
    public async Task<IReadOnlyList<AuthorityHit>> SearchAsync(AuthorityKind kind, string term, int max = 10, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return [];
        }

        var pattern = "%" + term.Trim().Replace("%", "", StringComparison.Ordinal) + "%";
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (kind == AuthorityKind.Subject)
        {
            return await db.Subjects.AsNoTracking()
                .Where(s => EF.Functions.ILike(SearchFunctions.Unaccent(s.Label), SearchFunctions.Unaccent(pattern)))
                .OrderBy(s => s.Label).Take(max)
                .Select(s => new AuthorityHit(s.Id, AuthorityKind.Subject, s.Label, null, db.Set<RecordSubject>().Count(l => l.SubjectId == s.Id)))
                .ToListAsync(ct);
        }

        var corporate = kind == AuthorityKind.Corporate;
        return await db.Authors.AsNoTracking()
            .Where(a => a.IsCorporate == corporate && EF.Functions.ILike(SearchFunctions.Unaccent(a.Name), SearchFunctions.Unaccent(pattern)))
            .OrderBy(a => a.Name).Take(max)
            .Select(a => new AuthorityHit(a.Id, kind, a.Name, a.Dates, db.Set<RecordAuthor>().Count(l => l.AuthorId == a.Id)))
            .ToListAsync(ct);
    }

    /// <summary>Creates an authority, or returns the existing one with the same heading (and dates).</summary>
    public async Task<AuthorityHit> CreateAsync(AuthorityKind kind, string heading, string? dates, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var name = heading.Trim();
        var when = string.IsNullOrWhiteSpace(dates) ? null : dates.Trim();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        if (kind == AuthorityKind.Subject)
        {
            var subject = await db.Subjects.FirstOrDefaultAsync(s => s.Label == name && s.Kind == SubjectKind.Topic, ct);
            if (subject is null)
            {
                subject = new Subject(name, SubjectKind.Topic);
                db.Subjects.Add(subject);
                await db.SaveChangesAsync(ct);
            }

            return new AuthorityHit(subject.Id, kind, subject.Label, null, 0);
        }

        var author = await db.Authors.FirstOrDefaultAsync(a => a.Name == name && a.Dates == when, ct);
        if (author is null)
        {
            author = new Author(name, when, kind == AuthorityKind.Corporate);
            db.Authors.Add(author);
            await db.SaveChangesAsync(ct);
        }

        return new AuthorityHit(author.Id, kind, author.Name, author.Dates, 0);
    }
}
