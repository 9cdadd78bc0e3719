using MediaBib.Infrastructure.Catalog.Editing;
using MediaBib.Web.Resources;
using Microsoft.Extensions.Localization;

namespace MediaBib.Web.Components.Catalogue.Editor;

/// <summary>The French text of a MARC issue (one switch, so a new kind cannot be forgotten).</summary>
public static class MarcIssueText
{
    /// <summary>
    /// The text under the form view, which has no zones: a missing title says so in plain words, other issues keep
    /// the MARC text (they concern fields the form does not show).
    /// </summary>
    public static string ForForm(IStringLocalizer<EditorResource> r, MarcIssue issue, MarcFramework framework)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(framework);
        var titleTag = framework.Flavour == Domain.Catalog.MarcFlavour.Unimarc ? "200" : "245";
        var missingTitle = issue.Tag == titleTag
            && (issue.Kind == MarcIssueKind.FieldMandatoryMissing || issue is { Kind: MarcIssueKind.SubfieldMandatoryMissing, Code: 'a' });
        return missingTitle ? r["Form.TitleRequired"] : Of(r, issue, framework);
    }

    public static string Of(IStringLocalizer<EditorResource> r, MarcIssue issue, MarcFramework framework)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(framework);
        var definition = framework.Field(issue.Tag);
        var code = issue.Code?.ToString() ?? "";
        return issue.Kind switch
        {
            MarcIssueKind.InvalidTag => r["Issue.InvalidTag", issue.Tag],
            MarcIssueKind.UnknownTag => r["Issue.UnknownTag", issue.Tag, framework.Flavour == Domain.Catalog.MarcFlavour.Unimarc ? "UNIMARC" : "MARC21"],
            MarcIssueKind.FieldNotRepeatable => r["Issue.FieldNotRepeatable", issue.Tag],
            MarcIssueKind.FieldMandatoryMissing => r["Issue.FieldMandatoryMissing", issue.Tag, definition?.Label ?? ""],
            MarcIssueKind.InvalidIndicator => r["Issue.InvalidIndicator", issue.Tag, code],
            MarcIssueKind.IndicatorNotDefined => r["Issue.IndicatorNotDefined", issue.Tag, code,
                (issue.Code == '1' ? definition?.Indicator1 : definition?.Indicator2)?.Replace(" ", "#", StringComparison.Ordinal) ?? ""],
            MarcIssueKind.UnknownSubfield => r["Issue.UnknownSubfield", issue.Tag, code],
            MarcIssueKind.SubfieldNotRepeatable => r["Issue.SubfieldNotRepeatable", issue.Tag, code],
            MarcIssueKind.SubfieldMandatoryMissing => r["Issue.SubfieldMandatoryMissing", issue.Tag, code],
        };
    }
}
