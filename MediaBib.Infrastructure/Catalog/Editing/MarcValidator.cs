namespace MediaBib.Infrastructure.Catalog.Editing;

/// <summary>What is wrong with a field or subfield of a record being edited. Errors stop the save; warnings do not.</summary>
public enum MarcIssueKind
{
    /// <summary>The tag is not three letters or digits.</summary>
    InvalidTag,

    /// <summary>The framework does not know the tag (a local field, or a typing mistake). Warning.</summary>
    UnknownTag,

    /// <summary>A second occurrence of a field that may appear once.</summary>
    FieldNotRepeatable,

    /// <summary>A mandatory field is absent.</summary>
    FieldMandatoryMissing,

    /// <summary>An indicator that is not a MARC indicator at all (neither blank, a digit nor a lowercase letter).</summary>
    InvalidIndicator,

    /// <summary>
    /// An indicator value the framework does not define for the field. Warning: copied and imported records carry
    /// obsolete values (MARC21 100 second indicator, 260 first indicator…) and must stay editable.
    /// </summary>
    IndicatorNotDefined,

    /// <summary>A subfield code the framework does not define for this field. Warning.</summary>
    UnknownSubfield,

    /// <summary>A second occurrence of a subfield that may appear once.</summary>
    SubfieldNotRepeatable,

    /// <summary>A mandatory subfield is absent or empty.</summary>
    SubfieldMandatoryMissing,
}

/// <param name="Kind">What is wrong.</param>
/// <param name="Field">Index of the field in the draft; null for a missing field.</param>
/// <param name="Tag">The tag concerned.</param>
/// <param name="Subfield">Index of the subfield in the field, when the issue is about one.</param>
/// <param name="Code">Subfield code or indicator position ('1' or '2') the issue names.</param>
public sealed record MarcIssue(MarcIssueKind Kind, int? Field, string Tag, int? Subfield = null, char? Code = null)
{
    public bool IsError => Kind is not (MarcIssueKind.UnknownTag or MarcIssueKind.UnknownSubfield or MarcIssueKind.IndicatorNotDefined);
}

/// <summary>Checks a draft against its framework: what the editor shows as the cataloguer types, and what the save checks again.</summary>
public static class MarcValidator
{
    public static IReadOnlyList<MarcIssue> Validate(MarcDraft draft, MarcFramework framework)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(framework);
        var issues = new List<MarcIssue>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < draft.Fields.Count; i++)
        {
            var field = draft.Fields[i];
            if (!field.HasValidTag)
            {
                issues.Add(new MarcIssue(MarcIssueKind.InvalidTag, i, field.Tag));
                continue;
            }

            if (framework.Field(field.Tag) is not { } definition)
            {
                issues.Add(new MarcIssue(MarcIssueKind.UnknownTag, i, field.Tag));
                continue;
            }

            if (!seen.Add(field.Tag) && !definition.Repeatable)
            {
                issues.Add(new MarcIssue(MarcIssueKind.FieldNotRepeatable, i, field.Tag));
            }

            if (!field.IsControl)
            {
                CheckDataField(issues, i, field, definition);
            }
        }

        foreach (var mandatory in framework.Fields.Where(f => f.Mandatory && !seen.Contains(f.Tag)))
        {
            issues.Add(new MarcIssue(MarcIssueKind.FieldMandatoryMissing, null, mandatory.Tag));
        }

        return issues;
    }

    private static void CheckIndicator(List<MarcIssue> issues, int index, string tag, char value, string? allowed, char position)
    {
        if (value != ' ' && !char.IsAsciiDigit(value) && !char.IsAsciiLetterLower(value))
        {
            issues.Add(new MarcIssue(MarcIssueKind.InvalidIndicator, index, tag, null, position));
        }
        else if (allowed is not null && !allowed.Contains(value, StringComparison.Ordinal))
        {
            issues.Add(new MarcIssue(MarcIssueKind.IndicatorNotDefined, index, tag, null, position));
        }
    }

    private static void CheckDataField(List<MarcIssue> issues, int index, DraftField field, FieldDefinition definition)
    {
        CheckIndicator(issues, index, field.Tag, field.Indicator1, definition.Indicator1, '1');
        CheckIndicator(issues, index, field.Tag, field.Indicator2, definition.Indicator2, '2');

        var codes = new HashSet<char>();
        for (var s = 0; s < field.Subfields.Count; s++)
        {
            var subfield = field.Subfields[s];
            if (definition.Subfield(subfield.Code) is not { } sub)
            {
                issues.Add(new MarcIssue(MarcIssueKind.UnknownSubfield, index, field.Tag, s, subfield.Code));
                continue;
            }

            if (!codes.Add(subfield.Code) && !sub.Repeatable)
            {
                issues.Add(new MarcIssue(MarcIssueKind.SubfieldNotRepeatable, index, field.Tag, s, subfield.Code));
            }
        }

        foreach (var mandatory in definition.Subfields.Where(s => s.Mandatory))
        {
            if (!field.Subfields.Any(s => s.Code == mandatory.Code && !string.IsNullOrWhiteSpace(s.Value)))
            {
                issues.Add(new MarcIssue(MarcIssueKind.SubfieldMandatoryMissing, index, field.Tag, null, mandatory.Code));
            }
        }
    }
}
