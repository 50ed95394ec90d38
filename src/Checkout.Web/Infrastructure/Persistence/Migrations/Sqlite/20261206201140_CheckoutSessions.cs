using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Checkout.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CheckoutSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CheckoutSessionId",
                table: "Orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CheckoutSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PlanId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClientReferenceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    CustomerGivenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CustomerFamilyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CustomerCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Locale = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    SuccessUrl = table.Column<string>(type: "TEXT", maxLength: 2100, nullable: false),
                    CancelUrl = table.Column<string>(type: "TEXT", maxLength: 2100, nullable: false),
                    MetadataJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckoutSessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CheckoutSessionId",
                table: "Orders",
                column: "CheckoutSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckoutSessions_IdempotencyKey",
                table: "CheckoutSessions",
                column: "IdempotencyKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CheckoutSessions");

            migrationBuilder.DropIndex(
                name: "IX_Orders_CheckoutSessionId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CheckoutSessionId",
                table: "Orders");
        }
    }
}
