/**
 * Entry of the staff console page (`/staff`): importing the app module registers every
 * `<baton-staff-*>` element; index.html already contains `<baton-staff-app>`.
 */
import './baton-staff-app/baton-staff-app.ts';
