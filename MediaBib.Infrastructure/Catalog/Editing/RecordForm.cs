using MediaBib.Domain.Catalog;

namespace MediaBib.Infrastructure.Catalog.Editing;

/// <summary>A heading of the form view with its authority link (the <c>$9</c> of the field), when one was picked.</summary>
public sealed record FormHeading(string Text, Guid? AuthorityId = null);

/// <summary>
/// The simple form view of a record: the common fields read from, and written back into, the MARC draft, which stays
/// the only source (switching views never loses a field the form does not show).
/// </summary>
public sealed class RecordForm
{
    public string Title { get; set; } = "";

    public string Isbn { get; set; } = "";

    public string Publisher { get; set; } = "";

    public string Year { get; set; } = "";

    public string Language { get; set; } = "";

    public string Summary { get; set; } = "";

    /// <summary>Authors as "Name, Forename" for persons.</summary>
    public List<FormHeading> Authors { get; set; } = [];

    public List<FormHeading> Subjects { get; set; } = [];

    /// <summary>Where each common field lives in a flavour.</summary>
    private sealed record Layout(
        (string Tag, char Code) Title, (string Tag, char Code) Isbn, (string Tag, char Code) Publisher, (string Tag, char Code) Year,
        (string Tag, char Code) Language, (string Tag, char Code) Summary, string[] AuthorTags, string FirstAuthorTag, string OtherAuthorTag,
        string SubjectTag);

    private static readonly Layout UnimarcLayout = new(("200", 'a'), ("010", 'a'), ("210", 'c'), ("210", 'd'), ("101", 'a'), ("330", 'a'),
        ["700", "701", "702"], "700", "701", "606");

    private static readonly Layout Marc21Layout = new(("245", 'a'), ("020", 'a'), ("264", 'b'), ("264", 'c'), ("041", 'a'), ("520", 'a'),
        ["100", "700"], "100", "700", "650");

    private static Layout For(MarcFlavour flavour) => flavour switch
    {
        MarcFlavour.Unimarc => UnimarcLayout,
        MarcFlavour.Marc21 => Marc21Layout,
    };

    public static RecordForm Read(MarcDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var layout = For(draft.Flavour);
        string Get((string Tag, char Code) at) => draft.Fields.FirstOrDefault(f => f.Tag == at.Tag)?.First(at.Code) ?? "";
        var unimarc = draft.Flavour == MarcFlavour.Unimarc;
        return new RecordForm
        {
            Title = Get(layout.Title),
            Isbn = Get(layout.Isbn),
            Publisher = Get(layout.Publisher),
            Year = Get(layout.Year),
            Language = Get(layout.Language),
            Summary = Get(layout.Summary),
            Authors = [.. draft.Fields.Where(f => layout.AuthorTags.Contains(f.Tag))
                .Select(f => new FormHeading(unimarc && f.First('b') is { Length: > 0 } b ? $"{f.First('a')}, {b}" : f.First('a') ?? "", LinkOf(f)))],
            Subjects = [.. draft.Fields.Where(f => f.Tag == layout.SubjectTag).Select(f => new FormHeading(f.First('a') ?? "", LinkOf(f)))],
        };
    }

    /// <summary>Writes the form into the draft: changed values only, fields created where the tag order puts them.</summary>
    public void Apply(MarcDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var layout = For(draft.Flavour);
        Set(draft, layout.Title, Title);
        Set(draft, layout.Isbn, Isbn);
        Set(draft, layout.Publisher, Publisher);
        Set(draft, layout.Year, Year);
        Set(draft, layout.Language, Language);
        Set(draft, layout.Summary, Summary);
        var unimarc = draft.Flavour == MarcFlavour.Unimarc;
        ApplyHeadings(draft, [.. draft.Fields.Where(f => layout.AuthorTags.Contains(f.Tag))], Authors,
            i => unimarc ? DraftField.Of(i == 0 ? layout.FirstAuthorTag : layout.OtherAuthorTag, ' ', '1')
                : DraftField.Of(i == 0 ? layout.FirstAuthorTag : layout.OtherAuthorTag, '1', ' '),
            splitName: unimarc);
        ApplyHeadings(draft, [.. draft.Fields.Where(f => f.Tag == layout.SubjectTag)], Subjects,
            _ => DraftField.Of(layout.SubjectTag, ' ', unimarc ? ' ' : '4'), splitName: false);
    }

    private static Guid? LinkOf(DraftField field) => Guid.TryParse(field.First('9'), out var id) ? id : null;

    private static void Set(MarcDraft draft, (string Tag, char Code) at, string value)
    {
        var field = draft.Fields.FirstOrDefault(f => f.Tag == at.Tag);
        if (field is null)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            field = draft.InsertInOrder(DraftField.Of(at.Tag, ' ', at.Tag == "264" ? '1' : ' '));
        }

        if ((field.First(at.Code) ?? "") != value)
        {
            field.Set(at.Code, value);
        }

        if (field.Subfields.Count == 0)
        {
            draft.Fields.Remove(field);
        }
    }

    private static void ApplyHeadings(
        MarcDraft draft, List<DraftField> fields, List<FormHeading> headings, Func<int, DraftField> newField, bool splitName)
    {
        var wanted = headings.Where(h => !string.IsNullOrWhiteSpace(h.Text)).ToList();
        for (var i = 0; i < wanted.Count; i++)
        {
            var heading = wanted[i];
            var field = i < fields.Count ? fields[i] : draft.InsertInOrder(newField(i));
            var current = splitName && field.First('b') is { Length: > 0 } b ? $"{field.First('a')}, {b}" : field.First('a') ?? "";
            if (current != heading.Text)
            {
                if (splitName && heading.Text.IndexOf(',', StringComparison.Ordinal) is var comma and > 0)
                {
                    field.Set('a', heading.Text[..comma].Trim());
                    field.Set('b', heading.Text[(comma + 1)..].Trim());
                }
                else
                {
                    field.Set('a', heading.Text.Trim());
                    if (splitName)
                    {
                        field.Set('b', null);
                    }
                }
            }

            field.Set('9', heading.AuthorityId?.ToString());
        }

        foreach (var extra in fields.Skip(wanted.Count))
        {
            draft.Fields.Remove(extra);
        }
    }
}
