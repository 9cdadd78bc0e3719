using MediaBib.Infrastructure.Catalog;
using MediaBib.Infrastructure.Catalog.CopyCataloguing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaBib.Infrastructure.Tests.Catalog.CopyCataloguing;

public sealed class CopyCatalogueOptionsTests
{
    private static CopyCatalogueOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddCatalog(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<CopyCatalogueOptions>>().Value;
    }

    [Fact]
    public void Defaults_AreTheBnfSudocAndLibraryOfCongress()
    {
        var options = Bind([]);

        Assert.Equal(["bnf-sru", "bnf-z3950", "loc", "sudoc"], options.EnabledTargets.Select(t => t.Key));
        var bnf = options.Targets["bnf-sru"];
        Assert.Equal("https://catalogue.bnf.fr/api/SRU", bnf.Address);
        Assert.Equal("unimarcXchange", bnf.RecordSchema);
        Assert.Equal("bib.isbn all \"2070368228\"", new CopyCatalogueQuery { Isbn = "2-07-036822-8" }.ToCql(bnf));
        Assert.Equal("z3950.bnf.fr:2211/TOUT-UTF8", options.Targets["bnf-z3950"].Address);
        Assert.Null(options.Problem());
    }

    [Fact]
    public void Configuration_ChangesOneFieldOfADefaultTarget_AndAddsItsOwn()
    {
        var options = Bind(new()
        {
            ["CopyCataloguing:Timeout"] = "00:00:04",
            ["CopyCataloguing:Targets:loc:Enabled"] = "false",
            ["CopyCataloguing:Targets:bnf-sru:TitleIndex"] = "bib.anywhere",
            ["CopyCataloguing:Targets:reseau:Name"] = "Réseau voisin",
            ["CopyCataloguing:Targets:reseau:Protocol"] = "Z3950",
            ["CopyCataloguing:Targets:reseau:Address"] = "z3950.example.org:210/biblios",
        });

        Assert.Equal(TimeSpan.FromSeconds(4), options.Timeout);
        Assert.DoesNotContain(options.EnabledTargets, t => t.Key == "loc");
        Assert.Equal("bib.anywhere", options.Targets["bnf-sru"].TitleIndex);
        Assert.Equal("https://catalogue.bnf.fr/api/SRU", options.Targets["bnf-sru"].Address);
        Assert.Equal(CopyTargetProtocol.Z3950, options.Targets["reseau"].Protocol);
        Assert.Null(options.Problem());
    }

    [Fact]
    public void BadTarget_StopsTheStartWithOneSentenceNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CopyCataloguing:Targets:reseau:Protocol"] = "Z3950",
            ["CopyCataloguing:Targets:reseau:Address"] = "z3950.example.org",
        }).Build();
        var services = new ServiceCollection().AddCatalog(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CopyCatalogueOptions>>().Value);

        Assert.Equal("CopyCataloguing__Targets__reseau__Address must be host:port/database for a Z39.50 target.", error.Message);
    }

    [Fact]
    public void Query_BecomesPqfWithBib1Attributes()
    {
        var query = new CopyCatalogueQuery { Isbn = "978-2-07-036822-8", Title = "Le petit \"prince\"", Author = "Saint-Exupéry" };

        Assert.Equal("@and @and @and @and @attr 1=7 \"9782070368228\" @attr 1=4 \"Le\" @attr 1=4 \"petit\" @attr 1=4 \"prince\" @attr 1=1003 \"Saint-Exupéry\"", query.ToPqf());
        Assert.True(new CopyCatalogueQuery { Title = "  ", Isbn = "-" }.IsEmpty);
    }
}
