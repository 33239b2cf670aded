import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, Public, type RequestContext } from '#libs/common';
import { AuthPayloadModel } from './auth-payload.model.js';
import { LoginService } from './login.service.js';

@Resolver()
export class LoginResolver {
  constructor(private readonly logins: LoginService) {}

  /** The only operation that needs no token. */
  @Public()
  @Mutation(() => AuthPayloadModel)
  login(
    @Ctx() ctx: RequestContext,
    @Args('email') email: string,
    @Args('password') password: string,
  ): Promise<AuthPayloadModel> {
    return this.logins.login(ctx, email, password);
  }
}
