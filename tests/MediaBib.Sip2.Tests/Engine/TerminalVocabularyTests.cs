using MediaBib.Infrastructure.Sip2;
using MediaBib.Sip2.Engine;
using MediaBib.Sip2.Library;
using MediaBib.Sip2.Protocol;

namespace MediaBib.Sip2.Tests.Engine;

/// <summary>What the admin page offers (Infrastructure's vocabulary) is exactly what the worker understands.</summary>
public sealed class TerminalVocabularyTests
{
    [Fact]
    public void Operations_AreTheWorkersFlags()
    {
        var flags = Enum.GetNames<Sip2Operations>().Except(["None", "All"]);

        Assert.Equal(flags.Order(StringComparer.Ordinal), Sip2TerminalVocabulary.Operations.Order(StringComparer.Ordinal));
        Assert.Equal(Sip2Operations.All, TerminalAccounts.Operations(Sip2TerminalVocabulary.Operations));
    }

    [Fact]
    public void SortBinFieldsAndOperators_AreTheWorkersEnums()
    {
        Assert.Equal(Enum.GetNames<SortBinField>(), Sip2TerminalVocabulary.SortBinFields);
        Assert.Equal(Enum.GetNames<SortBinOperator>(), Sip2TerminalVocabulary.SortBinOperators);
    }

    [Fact]
    public void Charsets_AllResolve()
    {
        Assert.All(Sip2TerminalVocabulary.Charsets, name => Assert.NotNull(Sip2Encodings.Resolve(name)));
    }

    [Fact]
    public void SortBinRulesJson_WrittenByTheAdmin_IsReadByTheWorker()
    {
        var json = Sip2SortBinRule.ToJson([new("AlertType", "Equal", " 01 ", "R"), new("Always", "Equal", "", "Z")]);

        var rules = TerminalAccounts.SortBinRules(json);

        Assert.Equal([new SortBinRule(SortBinField.AlertType, SortBinOperator.Equal, "01", "R"), new SortBinRule(SortBinField.Always, SortBinOperator.Equal, "", "Z")], rules);
    }
}
