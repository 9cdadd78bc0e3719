using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Catalog.CopyCataloguing;
using MediaBib.Infrastructure.Catalog.Import;
using MediaBib.Infrastructure.Catalog.Marc;
using MediaBib.Testing;

namespace MediaBib.Infrastructure.Tests.Catalog.CopyCataloguing;

/// <summary>Copy cataloguing against a real Z39.50/SRU server on loopback (yaz-ztest) and against dead or slow targets.</summary>
public sealed class CopyCatalogueClientTests(YazTestServer server, TestDatabase database) : IClassFixture<YazTestServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly CopyCatalogueQuery ByIsbn = new() { Isbn = "978-2-07-036822-8" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Z3950Target Z3950(string id = "ztest-z3950", string database = "Default", TimeSpan? timeout = null) =>
        new(id, new CopyTargetOptions { Name = "ztest Z39.50", Protocol = CopyTargetProtocol.Z3950, Address = server.Z3950Address(database), RecordSyntax = "usmarc" },
            timeout ?? Timeout);

    private SruTarget Sru(HttpClient http) =>
        new("ztest-sru", new CopyTargetOptions { Name = "ztest SRU", Protocol = CopyTargetProtocol.Sru, Address = server.SruUrl, RecordSchema = "marcxml" }, Timeout, http);

    private void SkipWithoutYaz() => Assert.SkipWhen(server.Unavailable is not null, server.Unavailable ?? "");

    [Fact]
    public async Task Z3950_SearchByIsbn_ReturnsParsedMarcRecords()
    {
        SkipWithoutYaz();
        var client = new CopyCatalogueClient([Z3950()], maxRecords: 3);

        var result = Assert.Single(await client.SearchAsync(ByIsbn, null, Ct));

        Assert.Equal(CopyTargetOutcome.Answered, result.Outcome);
        Assert.Null(result.Error);
        Assert.Equal(3, result.Records.Count);
        Assert.True(result.Hits >= 3);
        var first = result.Records[0];
        Assert.Equal(1, first.Position);
        Assert.Equal(MarcFlavour.Marc21, first.Flavour);
        Assert.Equal("How to program a computer", first.Mapped.Title);
        Assert.Equal("11224466", first.Mapped.ControlNumber);
        Assert.Contains(first.Mapped.Authors, a => a.Name == "Jack Collins");
    }

    [Fact]
    public async Task Sru_SearchByIsbn_ReturnsParsedMarcXmlRecords()
    {
        SkipWithoutYaz();
        using var http = new HttpClient();
        var target = Sru(http);
        Assert.Contains("query=bath.isbn%20all%20%229782070368228%22", target.RequestUri(ByIsbn, 5).AbsoluteUri, StringComparison.Ordinal);
        var client = new CopyCatalogueClient([target], maxRecords: 5);

        var result = Assert.Single(await client.SearchAsync(ByIsbn, null, Ct));

        Assert.Equal(CopyTargetOutcome.Answered, result.Outcome);
        Assert.NotEmpty(result.Records);
        Assert.True(result.Records.Count <= 5);
        Assert.Equal(result.Records.Count, result.Records.Select(r => r.Position).Distinct().Count());
        Assert.All(result.Records, r => Assert.False(string.IsNullOrWhiteSpace(r.Mapped.Title)));
        Assert.Equal("How to program a computer", result.Records[0].Mapped.Title);
        Assert.Equal("11224466", result.Records[0].Mapped.ControlNumber);
    }

    [Fact]
    public async Task SeveralTargets_UnreachableAndSlowOnes_ReportTheirErrorWhileTheOthersAnswer()
    {
        SkipWithoutYaz();
        using var http = new HttpClient();
        var closed = YazTestServer.ClosedPort();
        var deadZ3950 = new Z3950Target("dead-z3950",
            new CopyTargetOptions { Name = "Fermé Z39.50", Protocol = CopyTargetProtocol.Z3950, Address = $"127.0.0.1:{closed}/Default" }, Timeout);
        var deadSru = new SruTarget("dead-sru",
            new CopyTargetOptions { Name = "Fermé SRU", Protocol = CopyTargetProtocol.Sru, Address = $"http://127.0.0.1:{closed}/sru" }, Timeout, http);
        // yaz-ztest sleeps 60 s on this database's searches; the target may wait 1 s.
        var slow = Z3950("slow-z3950", "Default?search-delay=60", TimeSpan.FromSeconds(1));
        var client = new CopyCatalogueClient([deadZ3950, slow, Z3950(), deadSru, Sru(http)], maxRecords: 2);

        var started = TimeProvider.System.GetTimestamp();
        var results = (await client.SearchAsync(ByIsbn, null, Ct)).ToDictionary(r => r.TargetId);
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        Assert.Equal(["dead-z3950", "slow-z3950", "ztest-z3950", "dead-sru", "ztest-sru"], results.Keys);
        Assert.Equal(CopyTargetOutcome.Answered, results["ztest-z3950"].Outcome);
        Assert.Equal(2, results["ztest-z3950"].Records.Count);
        Assert.Equal(CopyTargetOutcome.Answered, results["ztest-sru"].Outcome);
        Assert.NotEmpty(results["ztest-sru"].Records);
        Assert.Equal(CopyTargetOutcome.Failed, results["dead-z3950"].Outcome);
        Assert.Contains("Fermé Z39.50", results["dead-z3950"].Error, StringComparison.Ordinal);
        Assert.Equal(CopyTargetOutcome.Failed, results["dead-sru"].Outcome);
        Assert.Contains("cannot be reached", results["dead-sru"].Error, StringComparison.Ordinal);
        Assert.Equal(CopyTargetOutcome.TimedOut, results["slow-z3950"].Outcome);
        Assert.Empty(results["slow-z3950"].Records);
        // Loose bound: far below the 60 s the slow server would take, so nobody waited for it.
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed}");
    }

    [Fact]
    public async Task CopyCatalogue_ImportsAFoundRecord_ThenShowsItAsAlreadyInTheCatalogue()
    {
        SkipWithoutYaz();
        var client = new CopyCatalogueClient([Z3950()], maxRecords: 3);
        var copy = new CopyCatalogue(client, new CatalogImport(database.Factory, TimeProvider.System), database.Factory);
        // The records of yaz-ztest are the same for every search: give the one imported here a number of its own.
        var found = Assert.Single(await copy.SearchAsync(ByIsbn, null, Ct));
        var record = found.Candidates[2].Record;
        var controlNumber = Unique.Code("ZT");
        record.Marc.Fields[record.Marc.Fields.FindIndex(f => f.Tag == "001")] = new MarcControlField("001", controlNumber);
        var actor = Import.ImportScenario.Cataloguer;

        var created = await copy.ImportAsync(record, MatchAction.Skip, actor, Ct);
        var again = await copy.ImportAsync(record, MatchAction.Skip, actor, Ct);

        Assert.Equal(CopyImportOutcome.Created, created.Outcome);
        Assert.NotNull(created.RecordId);
        await using (var db = database.CreateContext())
        {
            var stored = await db.Records.FindAsync([created.RecordId!.Value], Ct);
            Assert.Equal(record.Mapped.Title, stored!.Title);
            Assert.Equal(controlNumber, stored.ControlNumber);
            Assert.True(db.AuditEntries.Any(a => a.Action == "import" && a.Message!.Contains("copie:ztest-z3950")));
        }

        Assert.Equal(CopyImportOutcome.AlreadyInCatalogue, again.Outcome);
        Assert.Equal(created.RecordId, again.RecordId);
        var candidate = new CopyCatalogueRecord("ztest-z3950", 1, record.Marc, record.Flavour, MarcMapper.Map(record.Marc, record.Flavour));
        Assert.Equal(controlNumber, candidate.Mapped.ControlNumber);
    }
}
