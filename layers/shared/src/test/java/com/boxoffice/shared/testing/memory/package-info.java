/**
 * In-memory implementations of the ports in {@code port.out}, for tests of the domain that run
 * in milliseconds without a server. Each keeps the contract of its port (the same conditions the
 * DynamoDB adapter writes with, the same answers when they fail) and is safe to call from several
 * threads. What only a real table can show (condition expressions, transactions, races between
 * writers) stays in the DynamoDB Local tests.
 */
package com.boxoffice.shared.testing.memory;
