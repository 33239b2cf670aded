import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDate } from '#libs/common';
import { WellbeingInstrument } from './enums.js';

@ObjectType('WellbeingAssessment')
export class WellbeingAssessmentModel {
  @Field(() => ID) id: string;
  personId: string;
  serviceId: string;
  organisationId: string;
  recordedByStaffId: string;
  @Field(() => WellbeingInstrument) instrument: WellbeingInstrument;
  @Field(() => [Int]) responses: number[];
  @Field(() => Int, { nullable: true, description: 'SWEMWBS only: sum of the 7 items (7-35)' })
  rawScore: number | null;
  @Field(() => Float, { nullable: true, description: 'SWEMWBS only: conversion-table metric score' })
  metricScore: number | null;
  @Field(() => GraphQLDate) takenOn: string;
  createdAt: Date;
}

export interface WellbeingRow {
  id: string;
  person_id: string;
  service_id: string;
  organisation_id: string;
  recorded_by_staff_id: string;
  instrument: WellbeingInstrument;
  responses: number[];
  raw_score: number | null;
  metric_score: string | null;
  taken_on: string;
  created_at: Date;
}

export const WELLBEING_COLUMNS = `id, person_id, service_id, organisation_id, recorded_by_staff_id, instrument,
  responses::int[] AS responses, raw_score::int AS raw_score, metric_score, to_char(taken_on, 'YYYY-MM-DD') AS taken_on, created_at`;

export function toWellbeing(r: WellbeingRow): WellbeingAssessmentModel {
  return {
    id: r.id,
    personId: r.person_id,
    serviceId: r.service_id,
    organisationId: r.organisation_id,
    recordedByStaffId: r.recorded_by_staff_id,
    instrument: r.instrument,
    responses: r.responses,
    rawScore: r.raw_score,
    metricScore: r.metric_score === null ? null : Number(r.metric_score),
    takenOn: r.taken_on,
    createdAt: r.created_at,
  };
}
