/* float32 sinc' / sinc_normalized' next to the zeros of f': every float within
 * +-64 ulps of the first K zeros (tan x = x, resp. tan(pi x) = pi x, located
 * by Newton in __float128), g = 1, against __float128; also prints the
 * smallest x |x - x0| met (the cancellation the kernel must survive).
 *   ./bin/zeros32 K        sinc
 *   ./bin/zeros32 K n      sinc_normalized
 * Built per ISA (zeros32_base / _avx2 / _avx512) from the header directly. */
#include <stdio.h>
#include <quadmath.h>
#include <math.h>
#include <float.h>
#include <stdlib.h>
#include "fa_grad_algtrig.h"
static __float128 zero(double k){ __float128 q=((__float128)k+0.5Q)*M_PIq, x=q-1/q; for(int i=0;i<6;i++){__float128 F=x*cosq(x)-sinq(x),Fp=-x*sinq(x); x-=F/Fp;} return x;}
static double ulp32(__float128 r){ __float128 a=fabsq(r); if(a<FLT_MIN) a=FLT_MIN; int e; frexpq(a,&e); return (double)ldexpq(1,e-24); }
int main(int argc,char**argv){ int K=atoi(argv[1]); int norm=argc>2; double worst=0, wx=0; double minp=1e9, mx=0;
 fa_scalars_f32 s={0};
 for(int k=1;k<=K;k++){ __float128 z0=zero(k); if(norm) z0/=M_PIq; float c=(float)z0;
  for(int d=-64; d<=64; d++){ float x=fa_from_bits_f32(fa_bits_f32(c)+d); __float128 X=x, r;
    if(norm){ __float128 u=M_PIq*X; r=(u*cosq(u)-sinq(u))/(u*X);} else r=(X*cosq(X)-sinq(X))/(X*X);
    float y = norm? fa_sinc_normalized_grad_f32(1.0f,x,s) : fa_sinc_grad_f32(1.0f,x,s);
    double e=(double)(fabsq((__float128)y-r))/ulp32(r); if(e>worst){worst=e;wx=x;}
    double p=(double)(fabsq(X)*fabsq(X-z0)); if(p<minp){minp=p;mx=x;} }
 }
 printf("K=%d worst %.3f ULP at %a ; min x|x-x0| = %g (2^%.1f) at %a\n",K,worst,wx,minp,log2(minp),mx); }
