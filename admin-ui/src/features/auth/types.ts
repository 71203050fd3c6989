export interface Admin {
  id: number;
  email: string;
  name: string;
  role: string;
  scopes: string[];
}
