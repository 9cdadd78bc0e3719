using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Notifications.Templates;

namespace MediaBib.Infrastructure.Tests.Notifications;

public sealed class TemplateTests
{
    private readonly NoticeTemplateRenderer _renderer = new();

    [Fact]
    public void Validate_UnclosedTagOnLineThree_ReportsTheLine()
    {
        var template = new NoticeTemplate("test", NoticeChannel.Email, "Objet", "Bonjour {{ lecteur.prenom }},\n\nVoici {% if niveau > 1 %} la suite\n", null);

        var error = Assert.Single(_renderer.Validate(template));

        Assert.Equal("texte", error.Part);
        Assert.Equal(3, error.Line);
        Assert.True(error.Column > 0);
    }

    [Fact]
    public void Validate_MemberOutsideTheModel_IsAnError()
    {
        var template = new NoticeTemplate("test", NoticeChannel.Email, "Objet", "{{ lecteur.OpacPasswordHash }} {{ lecteur.GetType }}", null);

        var error = Assert.Single(_renderer.Validate(template));

        Assert.Equal("texte", error.Part);
    }

    [Fact]
    public void DefaultTemplates_EveryKeyAndChannel_AreValid()
    {
        var templates = DefaultNoticeTemplates.All();

        Assert.Equal(DefaultNoticeTemplates.Keys.Count * 3, templates.Count);
        Assert.All(templates, t => Assert.Empty(_renderer.Validate(t)));
    }

    [Fact]
    public void Render_LastOverdueLevel_FormatsDatesAndAmountsTheFrenchWay()
    {
        var template = DefaultNoticeTemplates.Find("overdue-3", NoticeChannel.Email)!;

        var rendered = _renderer.Render(template, SampleModel.Create());

        Assert.Equal("Médiathèque François-Mitterrand : dernier rappel avant facturation", rendered.Subject);
        Assert.Contains("- Le Petit Prince (code-barres B0001), à rendre le 05/03/2026, valeur 12,50\u00A0€", rendered.Text);
        Assert.Contains("solde de 1\u202F234,50\u00A0€", rendered.Text);
        Assert.Contains("Bonjour Camille Martin,", rendered.Text);
        Assert.Contains("<li><strong>Le Petit Prince</strong>", rendered.Html);
    }

    [Fact]
    public void Money_Thousands_UsesFrenchSeparators() =>
        Assert.Equal("1\u202F234,50\u00A0€", FrenchFormat.Money(1234.5m));
}
