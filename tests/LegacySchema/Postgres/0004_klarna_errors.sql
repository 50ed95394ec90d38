-- What Klarna last refused for an order (error code, error_id, correlation_id), for operators.

ALTER TABLE "Orders" ADD "LastKlarnaError" character varying(1000);
