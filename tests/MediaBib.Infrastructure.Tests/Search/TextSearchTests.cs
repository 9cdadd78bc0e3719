using MediaBib.Infrastructure.Search;
using MediaBib.Testing;

namespace MediaBib.Infrastructure.Tests.Search;

public sealed class TextSearchTests(TestDatabase database)
{
    private readonly SearchCorpus _corpus = new(database);

    [Theory]
    [InlineData("elise", "Les souvenirs d'Élise")]
    [InlineData("frederic", "Le jardin de Frédéric")]
    [InlineData("ÉLISE", "Les souvenirs d'Élise")]
    public async Task Search_WordWithoutAccents_FindsAccentedTitle(string query, string title)
    {
        var expected = await _corpus.RecordAsync(title);
        var other = await _corpus.RecordAsync("Un autre livre");

        var result = await _corpus.SearchAsync(query);

        Assert.Equal([expected.Id], result.Hits.Select(h => h.RecordId));
        Assert.DoesNotContain(other.Id, result.Hits.Select(h => h.RecordId));
    }

    [Fact]
    public async Task Search_PluralWord_FindsSingularAndPlural()
    {
        var singular = await _corpus.RecordAsync("Le loup et l'agneau");
        var plural = await _corpus.RecordAsync("Des loups dans la ville");
        await _corpus.RecordAsync("Le renard");

        var result = await _corpus.SearchAsync("loups");

        Assert.Equal(new[] { singular.Id, plural.Id }.Order(), result.Hits.Select(h => h.RecordId).Order());
    }

    [Fact]
    public async Task Search_QuotedPhrase_MatchesOnlyAdjacentWords()
    {
        var adjacent = await _corpus.RecordAsync("Le chat noir");
        var apart = await _corpus.RecordAsync("Le noir et le chat");

        var phrase = await _corpus.SearchAsync("\"chat noir\"");
        var words = await _corpus.SearchAsync("chat noir");

        Assert.Equal([adjacent.Id], phrase.Hits.Select(h => h.RecordId));
        Assert.Equal(new[] { adjacent.Id, apart.Id }.Order(), words.Hits.Select(h => h.RecordId).Order());
    }

    [Fact]
    public async Task Search_PrefixWithStar_FindsWordsStartingWithIt()
    {
        var germinal = await _corpus.RecordAsync("Germinal");
        await _corpus.RecordAsync("Nana");

        var prefix = await _corpus.SearchAsync("germin*");
        var otherPrefix = await _corpus.SearchAsync("germa*");

        Assert.Equal([germinal.Id], prefix.Hits.Select(h => h.RecordId));
        Assert.Empty(otherPrefix.Hits);
    }

    [Fact]
    public async Task Search_AuthorSurname_FindsRecordsOfThatAuthor()
    {
        var hugo = await _corpus.AuthorAsync("Hugo, Victor");
        var byHugo = await _corpus.RecordAsync(new RecordSpec("Les Misérables") { Authors = [hugo] });
        await _corpus.RecordAsync("Notre-Dame sans auteur");

        var result = await _corpus.SearchAsync("hugo");

        Assert.Equal([byHugo.Id], result.Hits.Select(h => h.RecordId));
        Assert.Equal(["Hugo, Victor"], result.Hits[0].Authors);
    }

    [Fact]
    public async Task Search_AuthorAndTitleWords_FindsRecordMatchingAcrossBoth()
    {
        var zola = await _corpus.AuthorAsync("Zola, Émile");
        var germinal = await _corpus.RecordAsync(new RecordSpec("Germinal") { Authors = [zola] });
        await _corpus.RecordAsync(new RecordSpec("Nana") { Authors = [zola] });

        var result = await _corpus.SearchAsync("zola germinal");

        Assert.Equal([germinal.Id], result.Hits.Select(h => h.RecordId));
    }

    [Fact]
    public async Task Search_SubjectWord_FindsRecordsWithThatSubject()
    {
        var subject = await _corpus.SubjectAsync("Romans policiers");
        var crime = await _corpus.RecordAsync(new RecordSpec("La nuit du carrefour") { Subjects = [subject] });
        await _corpus.RecordAsync("La nuit étoilée");

        var result = await _corpus.SearchAsync("policier nuit");

        Assert.Equal([crime.Id], result.Hits.Select(h => h.RecordId));
    }

    [Fact]
    public async Task Search_SameWordInDifferentFields_RanksTitleAboveAuthorAboveSubjectAboveSummary()
    {
        var word = _corpus.Word("renard");
        var author = await _corpus.AuthorAsync($"{word}, Jules");
        var subject = await _corpus.SubjectAsync(word);
        var inSummary = await _corpus.RecordAsync(new RecordSpec("Premier") { Summary = $"Une histoire où passe un {word} roux." });
        var inSubject = await _corpus.RecordAsync(new RecordSpec("Deuxième") { Subjects = [subject] });
        var byAuthor = await _corpus.RecordAsync(new RecordSpec("Troisième") { Authors = [author] });
        var inTitle = await _corpus.RecordAsync($"Le {word}");

        var result = await _corpus.Service.SearchAsync(new SearchQuery(word), TestContext.Current.CancellationToken);

        Assert.Equal([inTitle.Id, byAuthor.Id, inSubject.Id, inSummary.Id], result.Hits.Select(h => h.RecordId));
        Assert.True(result.Hits[0].Rank > result.Hits[3].Rank);
    }

    [Fact]
    public async Task Search_ExactTitle_RanksFirstAmongTitlesWithTheSameWords()
    {
        var longer = await _corpus.RecordAsync(new RecordSpec("Les misérables de la banlieue") { Summary = "Misérables, misérables." });
        var exact = await _corpus.RecordAsync("Les Misérables");

        var result = await _corpus.Service.SearchAsync(new SearchQuery($"les miserables {_corpus.Marker}"), TestContext.Current.CancellationToken);

        Assert.Equal([exact.Id, longer.Id], result.Hits.Select(h => h.RecordId));
    }
}
