using Bunit;
using MediaBib.Infrastructure.Administration;
using MediaBib.Web.Components.Admin;
using MediaBib.Web.Components.Shared;
using MediaBib.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace MediaBib.Web.Tests.Components;

public sealed class LibraryFormTests : BunitTestContext
{
    [Fact]
    public void Render_DuplicateCodeError_ShowsFrenchMessageUnderTheCodeField()
    {
        var errors = new FormErrors(Services.GetRequiredService<IStringLocalizer<SharedResource>>());
        errors.From(AdminResult<Guid>.Fail(new AdminError("code", "validation.duplicate")));

        var form = Render<LibraryForm>(p => p
            .Add(x => x.Model, new LibraryModel { Code = "CENTRE", Name = "Centre" })
            .Add(x => x.Errors, errors)
            .Add(x => x.Full, false));

        // The field's control holds the input, its label and its helper/error text.
        var code = form.Find("[data-testid=library-code]").Closest(".mud-input-control")!;
        var name = form.Find("[data-testid=library-name]").Closest(".mud-input-control")!;
        Assert.Contains("Ce code existe déjà", code.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Ce code existe déjà", name.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoErrorAndFull_ShowsContactFieldsWithFrenchLabels()
    {
        var errors = new FormErrors(Services.GetRequiredService<IStringLocalizer<SharedResource>>());

        var form = Render<LibraryForm>(p => p.Add(x => x.Model, new LibraryModel()).Add(x => x.Errors, errors));

        Assert.Contains("Code postal", form.Markup, StringComparison.Ordinal);
        Assert.Contains("Courriel", form.Markup, StringComparison.Ordinal);
        Assert.Empty(form.FindAll(".mud-input-error"));
    }
}
