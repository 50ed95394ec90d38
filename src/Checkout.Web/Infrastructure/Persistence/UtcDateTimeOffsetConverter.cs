namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

/// <summary>Writes every instant with a zero offset, as PostgreSQL's <c>timestamptz</c> (through Npgsql) requires.</summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
