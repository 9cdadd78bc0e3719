using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using MediaBib.Domain.Notifications;

namespace MediaBib.Infrastructure.Notifications.Templates;

/// <summary>A problem found in a template, with its position (1-based) when the parser gives one.</summary>
public sealed record TemplateError(string Part, int Line, int Column, string Message);

/// <summary>The text of one notice, ready to send.</summary>
public sealed record RenderedNotice(string Subject, string Text, string? Html);

/// <summary>A template refused by <see cref="NoticeTemplateRenderer"/>; the dispatcher records it as the notice's error.</summary>
public sealed class TemplateException(IReadOnlyList<TemplateError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Part} ligne {e.Line}, colonne {e.Column} : {e.Message}")))
{
    public IReadOnlyList<TemplateError> Errors { get; } = errors;
}

/// <summary>
/// Liquid templates (Fluid) with a closed model: only the notice model types are registered, under French names, so a
/// template cannot reach any other object or member. Unknown variables are errors, not silent blanks.
/// </summary>
public sealed partial class NoticeTemplateRenderer
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();

    // Parsed templates by source: a run renders the same few templates thousands of times. Cleared when it grows
    // (each admin edit adds a source).
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    /// <summary>Checks that every part parses and renders on a sample notice; empty when the template is usable.</summary>
    public IReadOnlyList<TemplateError> Validate(NoticeTemplate template)
    {
        var errors = new List<TemplateError>();
        foreach (var (part, source) in Parts(template))
        {
            if (!TryParse(part, source, out var parsed, out var error))
            {
                errors.Add(error);
                continue;
            }

            try
            {
                parsed.Render(CreateContext(SampleModel.Create()), NullEncoder.Default);
            }
            catch (Exception ex) when (ex is FluidException or InvalidOperationException or ArgumentException)
            {
                errors.Add(new TemplateError(part, 0, 0, ex.Message));
            }
        }

        return errors;
    }

    public RenderedNotice Render(NoticeTemplate template, NoticeModel model)
    {
        var context = CreateContext(model);
        var subject = RenderPart("objet", template.Subject, context, NullEncoder.Default);
        var text = RenderPart("texte", template.BodyText, context, NullEncoder.Default);
        var html = template.BodyHtml is null ? null : RenderPart("html", template.BodyHtml, context, HtmlEncoder.Default);
        return new RenderedNotice(subject.Trim(), text, html);
    }

    private static string RenderPart(string part, string source, TemplateContext context, TextEncoder encoder)
    {
        if (!TryParse(part, source, out var parsed, out var error))
        {
            throw new TemplateException([error]);
        }

        try
        {
            return parsed.Render(context, encoder);
        }
        catch (Exception ex) when (ex is FluidException or InvalidOperationException or ArgumentException)
        {
            throw new TemplateException([new TemplateError(part, 0, 0, ex.Message)]);
        }
    }

    private static bool TryParse(string part, string source, out IFluidTemplate template, out TemplateError error)
    {
        if (Parsed.TryGetValue(source, out var cached))
        {
            template = cached;
            error = null!;
            return true;
        }

        if (Parser.TryParse(source, out template, out var message))
        {
            if (Parsed.Count > 1000)
            {
                Parsed.Clear();
            }

            Parsed[source] = template;
            error = null!;
            return true;
        }

        var position = PositionPattern().Match(message);
        error = position.Success
            ? new TemplateError(part, int.Parse(position.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(position.Groups[2].Value, CultureInfo.InvariantCulture), message)
            : new TemplateError(part, 0, 0, message);
        return false;
    }

    private static IEnumerable<(string Part, string Source)> Parts(NoticeTemplate template)
    {
        yield return ("objet", template.Subject);
        yield return ("texte", template.BodyText);
        if (template.BodyHtml is not null)
        {
            yield return ("html", template.BodyHtml);
        }
    }

    private static TemplateContext CreateContext(NoticeModel model)
    {
        var context = new TemplateContext(Options);
        context.SetValue("bibliotheque", model.Library);
        context.SetValue("lecteur", model.Patron);
        context.SetValue("documents", model.Items);
        context.SetValue("nombre_documents", model.Items.Count);
        context.SetValue("niveau", model.Level);
        context.SetValue("date", model.Date);
        return context;
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            CultureInfo = FrenchFormat.Culture,
            StrictVariables = true,
            MaxSteps = 100_000,
        };
        var access = options.MemberAccessStrategy;
        access.Register<NoticeLibraryModel, string>("nom", l => l.Name);
        access.Register<NoticeLibraryModel, string>("adresse", l => l.Address.Street ?? "");
        access.Register<NoticeLibraryModel, string>("code_postal", l => l.Address.PostalCode ?? "");
        access.Register<NoticeLibraryModel, string>("ville", l => l.Address.City ?? "");
        access.Register<NoticeLibraryModel, string>("telephone", l => l.Phone ?? "");
        access.Register<NoticeLibraryModel, string>("courriel", l => l.Email ?? "");
        access.Register<NoticePatronModel, string>("prenom", p => p.FirstName);
        access.Register<NoticePatronModel, string>("nom", p => p.LastName);
        access.Register<NoticePatronModel, string>("carte", p => p.CardNumber);
        access.Register<NoticePatronModel, string>("adresse", p => p.Address.Street ?? "");
        access.Register<NoticePatronModel, string>("code_postal", p => p.Address.PostalCode ?? "");
        access.Register<NoticePatronModel, string>("ville", p => p.Address.City ?? "");
        access.Register<NoticePatronModel, string>("solde", p => FrenchFormat.Money(p.Balance));
        access.Register<NoticePatronModel, bool>("doit_payer", p => p.Balance > 0);
        access.Register<NoticePatronModel, string>("date_expiration", p => FrenchFormat.Date(p.ExpiresOn));
        access.Register<NoticeItemModel, string>("titre", i => i.Title);
        access.Register<NoticeItemModel, string>("code_barres", i => i.Barcode);
        access.Register<NoticeItemModel, string>("date_retour", i => i.Date is { } d ? FrenchFormat.Date(d) : "");
        access.Register<NoticeItemModel, string>("date_limite", i => i.Date is { } d ? FrenchFormat.Date(d) : "");
        access.Register<NoticeItemModel, string>("prix", i => i.Price is { } p ? FrenchFormat.Money(p) : "");
        return options;
    }

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();
}
