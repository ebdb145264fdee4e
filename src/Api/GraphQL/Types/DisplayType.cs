using Analytics.Reports.Rendering;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class DisplayType : ObjectGraphType<ReportRenderingOptions>
{
    public DisplayType()
    {
        Name = "Display";
        Description = "How figures are written, from the server's configuration (Reports:CurrencySymbol, Reports:Locale), so the UI and the PDF agree.";
        Field<NonNullGraphType<StringGraphType>>("currencySymbol").Description("Printed before amounts.").Resolve(c => c.Source.CurrencySymbol);
        Field<NonNullGraphType<StringGraphType>>("locale").Description("The BCP 47 locale numbers are formatted in.").Resolve(c => c.Source.Locale);
    }
}
