using System.Text;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Catalog.Marc;
using MediaBib.Testing;
using MediaBib.Web.Tests.Infrastructure;

namespace MediaBib.Web.Tests.Catalogue;

/// <summary>
/// An ISO 2709 UNIMARC file of three records: a valid book with one 995 item, a record whose directory is broken, and a
/// second valid book. Identifiers, barcodes, library and item type are unique to the test.
/// </summary>
internal sealed record ImportTestFile(byte[] Bytes, string FirstControlNumber, string SecondControlNumber, int MalformedOffset, string Barcode, Library Library)
{
    public static async Task<ImportTestFile> CreateAsync(WebAppFixture app, CancellationToken ct)
    {
        var library = new Library(LibraryCode.From(Unique.Code("L")), "Médiathèque de l'import");
        var type = new ItemType(Unique.Code("T"), "Livre importé");
        await using (var db = app.Database.CreateContext())
        {
            db.AddRange(library, type);
            await db.SaveChangesAsync(ct);
        }

        var first = Unique.Code("IMP");
        var second = Unique.Code("IMP");
        var barcode = Unique.Barcode();
        var a = Iso2709Writer.ToBytes(Book(first, "Les Années " + first, (barcode, library.Code.Value, type.Code)));
        var broken = Iso2709Writer.ToBytes(Book(Unique.Code("BAD"), "Notice abîmée"));
        Encoding.ASCII.GetBytes("ab12").CopyTo(broken, 27);   // the first directory entry's field length is not a number
        var b = Iso2709Writer.ToBytes(Book(second, "La Place " + second));
        return new ImportTestFile([.. a, .. broken, .. b], first, second, a.Length, barcode, library);
    }

    private static MarcRecord Book(string controlNumber, string title, params (string Barcode, string Library, string Type)[] items)
    {
        var fields = new List<MarcField>
        {
            new MarcControlField("001", controlNumber),
            new MarcDataField("100", ' ', ' ', new MarcSubfield('a', "20240101d2021    m  y0frey5003    ba")),
            new MarcDataField("101", '0', ' ', new MarcSubfield('a', "fre")),
            new MarcDataField("200", '1', ' ', new MarcSubfield('a', title), new MarcSubfield('f', "Annie Ernaux")),
            new MarcDataField("210", ' ', ' ', new MarcSubfield('a', "Paris"), new MarcSubfield('c', "Gallimard"), new MarcSubfield('d', "2021")),
            new MarcDataField("700", ' ', '1', new MarcSubfield('a', "Ernaux"), new MarcSubfield('b', "Annie"), new MarcSubfield('4', "070")),
        };
        fields.AddRange(items.Select(i => new MarcDataField("995", ' ', ' ',
            new MarcSubfield('b', i.Library), new MarcSubfield('f', i.Barcode), new MarcSubfield('r', i.Type))));
        return new MarcRecord("     nam0 22        450 ", fields);
    }
}
