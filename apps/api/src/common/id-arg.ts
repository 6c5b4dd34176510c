import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { badInput } from './errors';

/** An `ID!` argument that must be a UUID: anything else is BAD_USER_INPUT naming the argument. */
export const IdArg = (name = 'id') => Args(name, { type: () => ID }, new ParseUUIDPipe({ exceptionFactory: () => badInput(name, 'This is not a valid id.') }));
