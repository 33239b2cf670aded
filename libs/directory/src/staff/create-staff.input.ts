import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress, IsName, IsPasswordText, Role, Trim } from '#libs/common';

export const PASSWORD_MIN = 12;
/** Long passphrases are welcome; the cap only stops absurd inputs reaching the KDF. */
export const PASSWORD_MAX = 1000;

@InputType('CreateStaffInput')
export class CreateStaffInput {
  @Field()
  @Trim()
  @IsString({ message: 'Email is required.' })
  @IsEmailAddress()
  email: string;

  @Field()
  @Trim()
  @IsString({ message: 'Name is required.' })
  @IsName('Name')
  name: string;

  @Field({ description: 'at least 12 characters' })
  @IsString({ message: 'Password is required.' })
  @MinLength(PASSWORD_MIN, { message: `Password must be at least ${PASSWORD_MIN} characters.` })
  @MaxLength(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters.` })
  @IsPasswordText()
  password: string;

  @Field(() => Role)
  @IsEnum(Role, { message: 'Choose one of the roles.' })
  role: Role;

  @Field(() => ID)
  organisationId: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100, { message: 'At most 100 services.' })
  serviceIds?: string[] | null;
}
